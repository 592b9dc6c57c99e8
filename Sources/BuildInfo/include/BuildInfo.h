#ifndef SR_BUILD_INFO_H
#define SR_BUILD_INFO_H

/// The commit the binary was built from: "unknown" unless the build supplied it
/// (scripts/build-release.sh writes sr_build_commit.h into a directory it adds with -Xcc -I).
const char *sr_build_commit(void);

/// The Swift version that built it, as `swift --version` said (for example "6.3.1"); "" unless the
/// build supplied it, and then ToolVersion falls back to what `#if compiler` can tell.
const char *sr_build_swift_version(void);

#endif
