#ifndef SR_BUILD_INFO_H
#define SR_BUILD_INFO_H

/// The commit the binary was built from: "unknown" unless the build supplied it
/// (scripts/build-release.sh writes sr_build_commit.h into a directory it adds with -Xcc -I).
const char *sr_build_commit(void);

#endif
