# shellcheck shell=bash
# Finds a JDK >= 21 and exports JAVA_HOME and PATH for it. Sourced by deploy/likeness.
# Order: $JAVA_HOME, then `java` on PATH, then the usual JVM locations.
# Says exactly what is missing when none fits.

likeness_java_major() { # $1 = path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

likeness_find_jdk() {
  local want=21 cand major seen=""
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  # usual places, newest first
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for cand in "${candidates[@]}"; do
    [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || { seen="$seen\n  $cand (no javac: a JRE, not a JDK)"; continue; }
    major=$(likeness_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] 2>/dev/null; then
      export JAVA_HOME="$cand"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
    seen="$seen\n  $cand (Java $major)"
  done
  {
    echo "likeness: needs a JDK ${want} or newer (java and javac); none found."
    [ -n "$seen" ] && printf "  looked at:%b\n" "$seen"
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21/25 JDK) or set JAVA_HOME to it."
  } >&2
  return 1
}
