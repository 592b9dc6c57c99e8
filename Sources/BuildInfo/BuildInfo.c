#include "BuildInfo.h"

// scripts/build-release.sh writes `#define SR_BUILD_COMMIT "<short sha>"` and
// `#define SR_BUILD_SWIFT_VERSION "<x.y.z>"` into a header on an include path it passes with
// -Xcc -I (outside the source tree; nothing generated is committed). The path stays the same from
// build to build, so only this file is recompiled when the commit changes.
// `-Xcc -DSR_BUILD_COMMIT=\"...\"` works too, at the cost of rebuilding every module.
#if defined(__has_include)
#if __has_include(<sr_build_commit.h>)
#include <sr_build_commit.h>
#endif
#endif

#ifndef SR_BUILD_COMMIT
#define SR_BUILD_COMMIT "unknown"
#endif

#ifndef SR_BUILD_SWIFT_VERSION
#define SR_BUILD_SWIFT_VERSION ""
#endif

const char *sr_build_commit(void) { return SR_BUILD_COMMIT; }

const char *sr_build_swift_version(void) { return SR_BUILD_SWIFT_VERSION; }
