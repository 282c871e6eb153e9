#!/usr/bin/env bash
# Builds stock IJava 1.3.0 from a checkout of its public source, without Gradle (its 4.8.1 wrapper cannot run on
# JDK 17), into OUT_DIR/ijava-1.3.0.jar plus a kernelspec in OUT_DIR/kernelspec/java. IJava's code and the built jar
# stay outside this repository: the script only holds the recipe.
#
#   scripts/build-ijava.sh SRC_CHECKOUT OUT_DIR
#     SRC_CHECKOUT  a checkout of SpencerPark/IJava at tag v1.3.0 (e.g. `git archive v1.3.0 | tar -x -C DIR`)
#     OUT_DIR       where the jar, the kernelspec and the build scratch go (created if missing)
#   MVN_FLAGS="-o" scripts/build-ijava.sh ...   to resolve the three dependencies from ~/.m2 only
#
# The recipe follows IJava's build.gradle: `javac --release 9` over src/main/java against jupyter-jvm-basekernel
# 2.3.0, ivy 2.5.0-rc1 and maven-model-builder 3.6.0 (with their runtime dependencies), the resources with @version@
# and @project@ filled in, and one jar with every dependency unpacked in and Main-Class io.github.spencerpark.ijava.IJava.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SRC_CHECKOUT OUT_DIR" >&2
  exit 2
fi
SRC="$(cd "$1" && pwd)"
mkdir -p "$2"
OUT="$(cd "$2" && pwd)"
VERSION=1.3.0
if [ ! -f "$SRC/src/main/java/io/github/spencerpark/ijava/IJava.java" ] || ! grep -q "version = '$VERSION'" "$SRC/build.gradle"; then
  echo "build-ijava: $SRC is not a checkout of IJava $VERSION (expected src/main/java/.../IJava.java and version = '$VERSION' in build.gradle)" >&2
  exit 1
fi
for tool in java javac jar mvn; do
  command -v "$tool" >/dev/null || { echo "build-ijava: '$tool' is required (a full JDK 17 and Maven)" >&2; exit 1; }
done

WORK="$OUT/build"
rm -rf "$WORK"
mkdir -p "$WORK/deps" "$WORK/classes"

# The three dependencies of build.gradle's `shade` configuration, resolved transitively (runtime scope) by Maven.
cat > "$WORK/deps/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.build</groupId>
  <artifactId>ijava-deps</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>io.github.spencerpark</groupId><artifactId>jupyter-jvm-basekernel</artifactId><version>2.3.0</version></dependency>
    <dependency><groupId>org.apache.ivy</groupId><artifactId>ivy</artifactId><version>2.5.0-rc1</version></dependency>
    <dependency><groupId>org.apache.maven</groupId><artifactId>maven-model-builder</artifactId><version>3.6.0</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
  </plugin></plugins></build>
</project>
POM
echo "build-ijava: resolving dependencies..." >&2
(cd "$WORK/deps" && mvn -B -q -Dstyle.color=never ${MVN_FLAGS:-} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$WORK/deps/lib")

echo "build-ijava: compiling $(find "$SRC/src/main/java" -name '*.java' | wc -l) sources..." >&2
find "$SRC/src/main/java" -name '*.java' > "$WORK/sources.txt"
javac --release 9 -nowarn -encoding UTF-8 -cp "$WORK/deps/lib/*" -d "$WORK/classes" @"$WORK/sources.txt" 2> "$WORK/javac.log" || {
  cat "$WORK/javac.log" >&2
  exit 1
}

# Gradle's processResources with ReplaceTokens: @version@ -> 1.3.0, @project@ -> the root project name.
(cd "$SRC/src/main/resources" && find . -type f) | while read -r f; do
  mkdir -p "$WORK/classes/$(dirname "$f")"
  sed -e "s/@version@/$VERSION/g" -e "s/@project@/ijava/g" "$SRC/src/main/resources/$f" > "$WORK/classes/$f"
done

# Every dependency unpacked into the jar, as build.gradle's `from configurations.shade.collect { zipTree(it) }`;
# signatures and the dependencies' own manifests are left out (they would not match the merged jar).
mkdir -p "$WORK/unpacked"
for j in "$WORK"/deps/lib/*.jar; do
  (cd "$WORK/unpacked" && unzip -q -o "$j")
done
rm -f "$WORK/unpacked/META-INF/MANIFEST.MF" "$WORK"/unpacked/META-INF/*.SF "$WORK"/unpacked/META-INF/*.RSA "$WORK"/unpacked/META-INF/*.DSA
cp -r "$WORK/unpacked/." "$WORK/classes/"

JAR="$OUT/ijava-$VERSION.jar"
rm -f "$JAR"
jar --create --file "$JAR" --main-class io.github.spencerpark.ijava.IJava -C "$WORK/classes" .

# A kernelspec like the one IJava's installer writes (argv with the jar's path, interrupt by message).
mkdir -p "$OUT/kernelspec/java"
cat > "$OUT/kernelspec/java/kernel.json" <<JSON
{
  "argv": ["java", "-jar", "$JAR", "{connection_file}"],
  "display_name": "Java (IJava $VERSION)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {}
}
JSON
rm -rf "$WORK"
echo "build-ijava: built $JAR ($(du -h "$JAR" | cut -f1)) and the kernelspec $OUT/kernelspec/java" >&2
echo "build-ijava: install it with: jupyter kernelspec install $OUT/kernelspec/java --user --name ijava" >&2
