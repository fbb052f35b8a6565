package io.sse4j.kafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real distributed Connect worker in this JVM, driven through its herder. {@link #main} runs
 * one in a JVM of its own, for the test that kills a worker.
 */
final class TestWorker implements AutoCloseable {

    static {
        // Connect exits the JVM on some fatal errors; in a test that must fail the test instead.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Connect asked to exit with " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Connect asked to halt with " + code + ": " + message);
        });
    }

    private final Connect<DistributedHerder> connect;

    private TestWorker(Connect<DistributedHerder> connect) {
        this.connect = connect;
    }

    static TestWorker start(Map<String, String> props) {
        return new TestWorker(new ConnectDistributed().startConnect(props));
    }

    Herder herder() {
        return connect.herder();
    }

    /** The worker's REST API, as an operator reaches it. */
    ConnectRest rest() {
        return new ConnectRest(connect.rest().advertisedUrl());
    }

    /** Creates or replaces the connector {@code name}, and waits until the herder has taken it. */
    void putConnector(String name, Map<String, String> config) throws Exception {
        Map<String, String> withName = new HashMap<>(config);
        withName.put("name", name);
        FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, withName, true, done);
        done.get(60, TimeUnit.SECONDS);
    }

    ConfigInfos validate(Map<String, String> config) throws Exception {
        FutureCallback<ConfigInfos> done = new FutureCallback<>();
        connect.herder().validateConnectorConfig(config, done);
        return done.get(60, TimeUnit.SECONDS);
    }

    /**
     * Checks the connector's status every 100 ms until {@code condition} holds; fails after
     * {@code timeout} with the last status seen.
     */
    ConnectorStateInfo awaitStatus(String name, Predicate<ConnectorStateInfo> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStateInfo last = null;
        while (true) {
            try {
                last = connect.herder().connectorStatus(name);
                if (condition.test(last)) {
                    return last;
                }
            } catch (NotFoundException notYet) {
                // Not known to this worker yet.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last status: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    static Predicate<ConnectorStateInfo> tasksInState(int count, String state) {
        return status -> status.tasks().size() == count
                && status.tasks().stream().allMatch(task -> task.state().equals(state));
    }

    @Override
    public void close() {
        connect.stop();
    }

    /** Runs a worker with the settings in the properties file {@code args[0]} until the JVM is killed. */
    public static void main(String[] args) throws IOException {
        Properties props = new Properties();
        try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]))) {
            props.load(in);
        }
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(key -> map.put(key, props.getProperty(key)));
        Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(map);
        System.out.println("REST " + connect.rest().advertisedUrl());
        System.out.flush();
        connect.awaitStop();
    }
}
