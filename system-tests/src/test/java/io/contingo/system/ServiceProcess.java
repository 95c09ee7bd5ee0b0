package io.contingo.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service's own jar, started as a process the way ./platform starts it. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, List<String> args) throws IOException {
        Path root = Path.of(System.getProperty("contingo.root", ".."));
        Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the whole build (./mvnw verify), not this module alone");
        }
        Path logs = Path.of(System.getProperty("contingo.logs", "target/service-logs"));
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(Files.readString(root.resolve(".mvn/service-jvm.options")).strip().split("\\s+"))); // as ./platform up
        command.addAll(List.of("-jar", jar.toString(), "--contingo.security.demo=true")); // the demo accounts, as ./platform up asks
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(name, process, log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String describe() {
        return name + " (log: " + log + ")";
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no graceful stop, as a crash or an OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: a graceful Spring shutdown
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
