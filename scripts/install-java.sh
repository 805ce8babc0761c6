#!/usr/bin/env bash
# Installs the Java runtime pyspark needs (the `spark` extra), on a Debian machine (run as root):
# Debian's headless OpenJDK 17, which Spark 4 supports. Nothing else is downloaded.
set -euo pipefail

if ! command -v java >/dev/null; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless
fi
java -version 2>/dev/null || { echo "java is not runnable after installing openjdk-17-jre-headless" >&2; exit 1; }
