# sandbox-refresh as a container image: `docker run --rm -v "$PWD:/work" IMAGE validate specs/`.
# Build: docker build --build-arg SR_BUILD_COMMIT="$(git rev-parse --short=12 HEAD)" -t sandbox-refresh .
# SWIFT_VERSION must equal .swift-version (scripts/check-swift-version.sh holds every pin to it).
ARG SWIFT_VERSION=6.3.1

# The static-stdlib release binary, built on the Swift version this package is tested with.
FROM swift:${SWIFT_VERSION}-bookworm AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-dev libsqlite3-dev binutils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG SR_BUILD_COMMIT=unknown
RUN SR_BUILD_COMMIT="${SR_BUILD_COMMIT}" scripts/build-release.sh --scratch-path /src/.build-release > /tmp/binary-path \
    && install -D -m 755 "$(cat /tmp/binary-path)" /out/sandbox-refresh \
    && strip /out/sandbox-refresh \
    && /out/sandbox-refresh --version

# Only what the binary links (ldd: glibc, libgcc_s, libstdc++, libz, libyaml, libsqlite3), plus
# CA certificates and time zones. scripts/check-runtime-libs.sh (run by .ci/run) fails when the
# binary links a library that no package below provides.
FROM debian:bookworm-slim AS runtime
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libc6 libgcc-s1 libstdc++6 zlib1g libyaml-0-2 libsqlite3-0 \
        ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --create-home --home-dir /home/sandbox-refresh sandbox-refresh \
    && mkdir /work \
    && chown sandbox-refresh:sandbox-refresh /work
COPY --from=build /out/sandbox-refresh /usr/local/bin/sandbox-refresh
USER 10001:10001
WORKDIR /work
VOLUME ["/work"]
ENTRYPOINT ["sandbox-refresh"]
CMD ["--help"]
