package org.vitrine.generator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.generator.Fixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code vitrine} launcher's contract: it builds the jars when they are missing or older
 * than the sources, and only then. Maven and Java are stand-ins that record their calls, so the
 * script itself runs as it does on a fresh clone, without a real build.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void buildsTheJarsOnAFreshCloneAndAfterAnEditOnly() throws Exception {
        Path home = tmp.resolve("checkout");
        Files.createDirectories(home.resolve("core/src/main/java"));
        Files.createDirectories(home.resolve("api/src/main/java"));
        Files.createDirectories(home.resolve("generator/src/main/java"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Path source = Files.writeString(home.resolve("core/src/main/java/Model.java"), "class Model {}");
        Path launcher = home.resolve("vitrine");
        Files.copy(Fixtures.projectRoot().resolve("vitrine"), launcher);
        executable(launcher);

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("calls.log");
        // Maven makes the generator's jar and library folder, and, as package does when only
        // another module changed, leaves a jar that is there as it was.
        stub(bin.resolve("mvn"), "echo mvn >> '" + calls + "'\n"
                + "mkdir -p generator/target/lib && [ -f generator/target/vitrine-generator.jar ] || touch generator/target/vitrine-generator.jar\n");
        stub(bin.resolve("java"), "echo java \"$@\" >> '" + calls + "'\n");

        assertEquals(0, run(launcher, bin, "check"));
        assertEquals(List.of("mvn", "java"), commands(calls));
        assertTrue(Files.isRegularFile(home.resolve("generator/target/vitrine-built.stamp")));

        assertEquals(0, run(launcher, bin, "check"));
        assertEquals(List.of("mvn", "java", "java"), commands(calls), "nothing changed: no build");

        // A core source edited after that build (the jar and stamp are from before it).
        Instant built = Instant.now().minusSeconds(30);
        Files.setLastModifiedTime(home.resolve("generator/target/vitrine-generator.jar"), FileTime.from(built));
        Files.setLastModifiedTime(home.resolve("generator/target/vitrine-built.stamp"), FileTime.from(built));
        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(10)));
        assertEquals(0, run(launcher, bin, "check"));
        assertEquals(List.of("mvn", "java", "java", "mvn", "java"), commands(calls));
        assertEquals(0, run(launcher, bin, "check"));
        assertEquals(List.of("mvn", "java", "java", "mvn", "java", "java"), commands(calls), "built since the edit");
    }

    @Test
    void onlyABuildThatSucceededLeavesAClassArchive() throws Exception {
        Path home = tmp.resolve("checkout");
        Files.createDirectories(home.resolve("generator/target/lib"));
        Path launcher = home.resolve("vitrine");
        Files.copy(Fixtures.projectRoot().resolve("vitrine"), launcher);
        executable(launcher);
        Files.writeString(home.resolve("generator/target/vitrine-generator.jar"), "jar");
        Files.writeString(home.resolve("generator/target/vitrine-built.stamp"), "");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        // As the JVM does: the archive named by -XX:ArchiveClassesAtExit is written as it exits,
        // whatever its exit code (here the first word of the file "exit").
        Path exit = tmp.resolve("exit");
        stub(bin.resolve("java"), "for a in \"$@\"; do case $a in -XX:ArchiveClassesAtExit=*) echo classes > \"${a#*=}\";; esac; done\n"
                + "exit $(cat '" + exit + "')\n");
        Path archive = home.resolve("generator/target/vitrine.jsa");

        Files.writeString(exit, "1");
        assertEquals(1, run(launcher, bin, "build"));
        assertFalse(Files.exists(archive), "a build stopped by content errors loaded few of the classes");
        Files.writeString(exit, "0");
        assertEquals(0, run(launcher, bin, "build"));
        assertTrue(Files.isRegularFile(archive));
        try (var files = Files.list(archive.getParent())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("vitrine.jsa.")).toList(), "no leftovers");
        }
    }

    private static int run(Path launcher, Path bin, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            System.err.println(out);
        }
        return exit;
    }

    private static List<String> commands(Path calls) throws IOException {
        return Files.readAllLines(calls).stream().map(l -> l.split(" ")[0]).toList();
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
