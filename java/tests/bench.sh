#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench-java: the cost of the checks at start-up.  A program that loads 200
# classes from a JAR, run ROUNDS times (default 20) by Debian's java and by
# tf-java (the same JDK, no policy: every check is made, none refuses);
# prints the mean wall time of each and the ratio (the runs alternate).
#
#   bench.sh [ROUNDS]      (JAVA_BIN, JAVA_HOME_PLAIN from java.mk)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${JAVA_BIN:-$top/build/java/bin/tf-java}
home=${JAVA_HOME_PLAIN:-/usr/lib/jvm/java-17-openjdk-amd64}
rounds=${1:-20}
dir=$(mktemp -d /tmp/tf-java-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

mkdir "$dir/src" "$dir/classes"
i=0
while [ $i -lt 200 ]; do
	printf 'public class C%d { public static int v() { return %d; } }\n' $i $i >"$dir/src/C$i.java"
	i=$((i + 1))
done
cat >"$dir/src/Load.java" <<'J'
public class Load {
    public static void main(String[] args) throws Exception {
        int sum = 0;
        for (int i = 0; i < 200; i++)
            sum += (Integer) Class.forName("C" + i).getMethod("v").invoke(null);
        if (sum != 19900)
            throw new AssertionError(sum);
    }
}
J
"$home/bin/javac" -d "$dir/classes" "$dir"/src/*.java
"$home/bin/jar" --create --file "$dir/load.jar" --main-class Load -C "$dir/classes" .

# One run of each, in turn, ROUNDS times: the load of a shared machine
# falls on both alike.  Wall times in nanoseconds.
"$home/bin/java" -jar "$dir/load.jar"	# warm the page cache
"$bin" -jar "$dir/load.jar"
plain=0
tf=0
r=0
while [ $r -lt "$rounds" ]; do
	t0=$(date +%s%N)
	"$home/bin/java" -jar "$dir/load.jar"
	t1=$(date +%s%N)
	"$bin" -jar "$dir/load.jar"
	t2=$(date +%s%N)
	plain=$((plain + t1 - t0))
	tf=$((tf + t2 - t1))
	r=$((r + 1))
done
echo "bench-java: start-up + 200 classes from a JAR, $rounds runs each, in turn, no policy"
echo "  java     $((plain / rounds / 1000000)) ms"
echo "  tf-java  $((tf / rounds / 1000000)) ms"
awk -v a="$tf" -v b="$plain" 'BEGIN { printf "  no policy, ratio    %.2f\n", a / b }'
