#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The programs of the tests, compiled once on the host (the guest would
# take minutes to run javac):
#
#   fixtures.sh OUT [JDK]
#
# OUT/trusted/  the programs that stay on the trusted place: Main2 (uses
#               the class Late, found later on the class path), Loader
#               (loads a JAR with a URLClassLoader, or a native library;
#               exits with a status, or throws),
#               UseLang (uses Debian's commons-lang3)
# OUT/code/     the code each route runs, copied by run.sh to the places:
#               cls/Main.class, main.jar (Main-Class), lib.jar, late/Late.class,
#               dyn.jar (class Dyn), agent.jar (Premain-Class), mods/hello.jar
#               (module hello, main class hello.Main), Src.java, script
#               (a shebang script), libtfj.so (an agent library and a JNI
#               library), commons-lang3.jar (Debian's)
# OUT/bypass/   the planted code of tests/bypass/java.routes: each creates
#               the file $MARK names (Evil, evil.jar, evilagent.jar,
#               evildyn.jar with a class Dyn, late/Late.class, Evil.java,
#               evil-script, libevil.so) and the trusted Definer (defines a
#               class from bytes it reads itself)
set -eu
mkdir -p "$(dirname "$1")"
out=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
jdk=${2:-/usr/lib/jvm/java-17-openjdk-amd64}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out.tmp"
mkdir -p "$out.tmp/src/hello/hello" "$out.tmp/trusted" "$out.tmp/code/cls" \
	"$out.tmp/code/late" "$out.tmp/code/mods" "$out.tmp/dyn" "$out.tmp/agent" \
	"$out.tmp/hello"
cd "$out.tmp/src"
cat >Main.java <<'J'
public class Main {
    public static void main(String[] args) {
        System.out.println("RAN Main" + (args.length > 0 ? " " + String.join(" ", args) : ""));
    }
}
J
cat >Late.java <<'J'
public class Late {
    public static String name() { return "Late"; }
}
J
cat >Main2.java <<'J'
public class Main2 {
    public static void main(String[] args) {
        System.out.println("RAN " + Late.name());
    }
}
J
cat >Loader.java <<'J'
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;

public class Loader {
    public static void main(String[] args) throws Exception {
        try {
            if (args[0].equals("exit")) {
                System.exit(Integer.parseInt(args[1]));
            } else if (args[0].equals("throw")) {
                throw new IllegalStateException("thrown on purpose");
            } else if (args[0].equals("urljar")) {
                URLClassLoader l = new URLClassLoader(new URL[] { new File(args[1]).toURI().toURL() });
                Class.forName("Dyn", true, l);
            } else {
                System.load(args[1]);
                System.out.println("RAN System.load");
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            System.out.println("DENY " + e.getClass().getName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
J
cat >Dyn.java <<'J'
public class Dyn {
    static { System.out.println("RAN Dyn"); }
}
J
cat >Agent.java <<'J'
public class Agent {
    public static void premain(String a, java.lang.instrument.Instrumentation i) {
        System.out.println("RAN agent");
    }
}
J
cat >UseLang.java <<'J'
import org.apache.commons.lang3.StringUtils;

public class UseLang {
    public static void main(String[] args) {
        System.out.println("RAN " + StringUtils.reverse("gnal-snommoc") + " " + StringUtils.capitalize("ok"));
    }
}
J
cat >hello/module-info.java <<'J'
module hello { }
J
cat >hello/hello/Main.java <<'J'
package hello;

public class Main {
    public static void main(String[] args) {
        System.out.println("RAN module hello");
    }
}
J
mkdir -p evil/late evil/dyn evil/agent "$out.tmp/bypass/late"
cat >evil/Evil.java <<'J'
public class Evil {
    public static void mark() {
        try {
            new java.io.FileOutputStream(System.getenv("MARK")).close();
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) { mark(); }

    public static void premain(String a, java.lang.instrument.Instrumentation i) { mark(); }
}
J
cat >evil/late/Late.java <<'J'
public class Late {
    public static String name() { Evil.mark(); return "Late"; }
}
J
cat >evil/dyn/Dyn.java <<'J'
public class Dyn {
    static { Evil.mark(); }
}
J
cat >Definer.java <<'J'
import java.nio.file.Files;
import java.nio.file.Path;

public class Definer extends ClassLoader {
    public static void main(String[] args) throws Exception {
        byte[] b = Files.readAllBytes(Path.of(args[0]));
        Class<?> c = new Definer().defineClass(null, b, 0, b.length);
        c.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    }
}
J
bp=$out.tmp/bypass
"$jdk/bin/javac" -d "$bp" evil/Evil.java
"$jdk/bin/javac" -cp "$bp" -d "$bp/late" evil/late/Late.java
"$jdk/bin/javac" -cp "$bp" -d evil/dyn evil/dyn/Dyn.java
cp "$bp/Evil.class" evil/dyn/
"$jdk/bin/javac" -d "$bp" Definer.java
"$jdk/bin/jar" --create --file "$bp/evil.jar" --main-class Evil -C "$bp" Evil.class
printf 'Premain-Class: Evil\n' >evil.mf
"$jdk/bin/jar" --create --file "$bp/evilagent.jar" --manifest evil.mf -C "$bp" Evil.class
"$jdk/bin/jar" --create --file "$bp/evildyn.jar" -C evil/dyn .
sed 's/public class Evil/class Evil/' evil/Evil.java >"$bp/Evil.java"
{ echo "#!/usr/bin/tf-java --source 17"; cat "$bp/Evil.java"; } >"$bp/evil-script"
cat >evil.c <<'C'
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void mark(void)
{
	const char *m = getenv("MARK");
	FILE *f = m ? fopen(m, "w") : NULL;

	if (f)
		fclose(f);
}
C
${CC:-gcc} -shared -fPIC -Wall -Werror -o "$bp/libevil.so" evil.c
"$jdk/bin/javac" -d "$out.tmp/code/cls" Main.java
"$jdk/bin/javac" -d "$out.tmp/code/late" Late.java
"$jdk/bin/javac" -cp "$out.tmp/code/late" -d "$out.tmp/trusted" Main2.java
"$jdk/bin/javac" -d "$out.tmp/trusted" Loader.java
"$jdk/bin/javac" -cp /usr/share/java/commons-lang3.jar -d "$out.tmp/trusted" UseLang.java
"$jdk/bin/javac" -d "$out.tmp/dyn" Dyn.java
"$jdk/bin/javac" -d "$out.tmp/agent" Agent.java
"$jdk/bin/javac" -d "$out.tmp/hello" hello/module-info.java hello/hello/Main.java
code=$out.tmp/code
"$jdk/bin/jar" --create --file "$code/main.jar" --main-class Main -C "$code/cls" .
"$jdk/bin/jar" --create --file "$code/lib.jar" -C "$code/cls" .
"$jdk/bin/jar" --create --file "$code/dyn.jar" -C "$out.tmp/dyn" .
printf 'Premain-Class: Agent\n' >agent.mf
"$jdk/bin/jar" --create --file "$code/agent.jar" --manifest agent.mf -C "$out.tmp/agent" .
"$jdk/bin/jar" --create --file "$code/mods/hello.jar" --main-class hello.Main -C "$out.tmp/hello" .
cat >"$code/Src.java" <<'J'
class Src {
    public static void main(String[] args) {
        System.out.println("RAN source");
    }
}
J
{
	echo "#!/usr/bin/tf-java --source 17"
	cat <<'J'
class Script {
    public static void main(String[] args) {
        System.out.println("RAN script");
    }
}
J
} >"$code/script"
cat >tfj.c <<'C'
#include <jni.h>
#include <stdio.h>

JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved)
{
	(void)vm; (void)options; (void)reserved;
	printf("RAN agentpath\n");
	fflush(stdout);
	return 0;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
	(void)vm; (void)reserved;
	return JNI_VERSION_1_8;
}
C
${CC:-gcc} -shared -fPIC -Wall -Werror -I"$jdk/include" -I"$jdk/include/linux" \
	-o "$code/libtfj.so" tfj.c
cp /usr/share/java/commons-lang3.jar "$code/commons-lang3.jar"
cd /
rm -rf "$out.tmp/src" "$out.tmp/dyn" "$out.tmp/agent" "$out.tmp/hello"
rm -rf "$out"
mv "$out.tmp" "$out"
