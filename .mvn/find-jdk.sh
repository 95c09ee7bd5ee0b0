# Sourced by ./mvnw, ./platform and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps JAVA_HOME (or the java on the PATH) when it is already 21+, otherwise looks under
# /usr/lib/jvm and /opt for one. Stops with a message that says what to install when none is found.

contingo_java_major() {
  # prints the feature version of the given java binary (17, 21, 25, ...), or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

contingo_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(contingo_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge 21 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(contingo_java_major "$home/bin/java")
    if [ "${v:-0}" -ge 21 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=""; best_v=0
  case $- in *f*) set +f; reglob=1 ;; *) reglob=0 ;; esac
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(contingo_java_major "$home/bin/java")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  [ "$reglob" = 1 ] && set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "Contingo needs a JDK 21 or newer, and none was found (java on the PATH is $(java -version 2>&1 | head -n 1))." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21/25 JDK, or set JAVA_HOME to it." >&2
  return 1
}

contingo_find_jdk || exit 1
PATH="$JAVA_HOME/bin:$PATH"
export PATH
