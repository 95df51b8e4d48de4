#!/usr/bin/env bash
# Offline check of the release (Tycho) build, for machines that cannot reach KNIME's update sites: the same
# `./mvnw -Dknime.release verify`, against a local target platform instead of release/knime-5.5.target. The target
# holds a stand-in org.knime.core 5.5.0 (this project's KNIME API mirror, packaged as a bundle that exports its packages)
# and SLF4J 1.7 with a binding (KNIME 5.1-5.2 ship it, later releases 2.x, whose bundle needs an OSGi service-loader extender a
# stand-in target lacks; the libraries bundle imports org.slf4j [1.7,3)). It shows that the release build
# resolves, compiles and publishes every unit of its own (nodes, libraries, native fragments, both features, the p2
# repository of update-site/category.xml); it cannot show that real KNIME exports every package the nodes use (the
# README's build section records the compile against KNIME's real 5.5 sources for that).
#   bash release/offline-proof.sh          (Tycho and the CUDA fragment's jars come from Maven Central the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
./mvnw -B -q install -DskipTests -pl org.scgmvae.knime.api-mirror -am
mkdir -p "$T/plugins" "$T/standin"
MIRROR=org.scgmvae.knime.api-mirror/target/classes
PACKAGES=$(cd "$MIRROR" && find org -name '*.class' -printf '%h\n' | sort -u | tr / . | paste -sd, -)
cat > "$T/standin/MANIFEST.MF" <<MF
Bundle-ManifestVersion: 2
Bundle-SymbolicName: org.knime.core
Bundle-Version: 5.5.0.v202507011200
Bundle-Name: org.knime.core stand-in (sc*GMVAE API mirror; offline proof only)
Export-Package: $PACKAGES
MF
jar --create --file "$T/plugins/org.knime.core_5.5.0.v202507011200.jar" --manifest "$T/standin/MANIFEST.MF" -C "$MIRROR" .
# SLF4J 1.7 and a binding fragment for it (in KNIME: org.knime.slf4j.binding, which sends the messages to the KNIME log)
for a in slf4j-api slf4j-nop; do
  ./mvnw -B -q dependency:copy -Dartifact=org.slf4j:$a:1.7.36 -DoutputDirectory="$T/plugins"
done
cat > "$T/offline.target" <<TARGET
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?pde version="3.8"?>
<target name="sc*GMVAE offline proof" sequenceNumber="1">
  <locations>
    <location path="$T" type="Directory"/>
  </locations>
</target>
TARGET
./mvnw -B -Dknime.release -Dknime.target="$T/offline.target" -DskipTests clean verify
echo "release build resolved against the stand-in target; p2 repository:"
find update-site/target/repository -name '*.jar' | sort
