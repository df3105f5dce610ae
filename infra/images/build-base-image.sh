#!/usr/bin/env bash
# Makes the services' base image without Docker and without a registry: a Java runtime cut down with
# jlink from this machine's JDK, the C libraries it needs from this machine, and nothing else (no
# shell, no package manager), written as a `docker save` tarball that Jib reads as a base image:
#
#   infra/images/build-base-image.sh                      # -> target/kam-jre-base.tar
#   ./mvnw -B -ntp -Pimages -DskipTests package -Dkam.image.base=tar://$PWD/target/kam-jre-base.tar
#
# Where a registry is reachable, the default base (eclipse-temurin:17-jre) needs none of this.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:-target/kam-jre-base.tar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

# The modules Spring Boot, Kafka's client, PostgreSQL's driver and the JFR/JMX tooling use.
"$java_home/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.management,java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.httpserver \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# A server draws nothing: the native parts of AWT that need X11, fonts or sound go (java.beans, in
# java.desktop, is what Spring needs of that module).
(cd "$root/opt/java/lib" && rm -f libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so \
  liblcms.so libjavajpeg.so)

# Every shared library the runtime links, with the dynamic loader, at the paths it looks for them.
libraries=$( { ldd "$root/opt/java/bin/java"; find "$root/opt/java" -name '*.so' -exec ldd {} \; 2>/dev/null; } \
  | grep -oE '=> (/[^ ]+)' | cut -c4- | grep -v "^$root" | sort -u)
for library in $libraries /lib64/ld-linux-x86-64.so.2; do
  [[ -e "$library" ]] || continue
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done
mkdir -p "$root/tmp" "$root/etc" "$root/app"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nkam:x:1000:1000:kam:/app:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nkam:x:1000:\n' > "$root/etc/group"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"

# docker save layout: one layer, its config, the manifest naming both.
mkdir -p "$work/image/layer"
tar --numeric-owner --owner=0 --group=0 --mtime='2026-01-01 00:00:00' --sort=name -C "$root" -cf "$work/image/layer/layer.tar" .
diff_id=$(sha256sum "$work/image/layer/layer.tar" | cut -d' ' -f1)
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server"],"WorkingDir":"/app"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"2026-01-01T00:00:00Z","created_by":"infra/images/build-base-image.sh (jlink of $("$java_home/bin/java" -version 2>&1 | head -1 | tr -d '"'))"}]}
JSON
config_id=$(sha256sum "$work/image/config.json" | cut -d' ' -f1)
mv "$work/image/config.json" "$work/image/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["kam/jre-base:17"],"Layers":["layer/layer.tar"]}]\n' "$config_id" > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work/image" -cf "$out" manifest.json "$config_id.json" layer/layer.tar
echo "Base image written to $out ($(du -h "$out" | cut -f1)): $(ls "$root/opt/java/lib" | wc -l) runtime files, $(echo "$libraries" | wc -w) shared libraries"
