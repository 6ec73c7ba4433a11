package sis.searchnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, for tests: single-node discovery, bound to 127.0.0.1, its data
 * in a folder of the caller's. Prints "started http://127.0.0.1:PORT" on stdout once it answers,
 * and stops when its standard input closes, so that it never outlives the test run that started it
 * (even one killed with SIGKILL, whose end of the pipe the kernel closes).
 *
 * <p>Arguments: {@code --home DIR} (required; data and logs go below it) and {@code --port N}
 * (HTTP port; 0, the default, takes a free one).
 *
 * <p>What the server's own start script does and this one does not: the bootstrap checks (heap
 * size, file descriptors, mmap count...) are production checks, which OpenSearch enforces only on
 * a node bound to a non-loopback address, and which {@code Node} itself never runs ({@code
 * Bootstrap} does); the security manager and the jar-hell check are installed by {@code Bootstrap}
 * too, to protect a server from its plugins' code. Here the plugins are two of OpenSearch's own
 * modules on the class path, in a throwaway process of the test run, so none of them is run.
 */
public final class TestNode {

    /** A node whose plugins are classes on the class path instead of folders under plugins/. */
    private static final class ClassPathNode extends Node {
        ClassPathNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "sis-test-node"),
                plugins,
                // forbidPrivateIndexSettings: the backend sets none, so keep the server's rule.
                true
            );
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = null;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[i + 1]).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        Files.createDirectories(home);

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "sis-test")
            .put("node.name", "sis-test-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            // The node-to-node transport is unused with one node, but always bound: any free port.
            .put("transport.port", 0)
            // Writes sent with refresh=wait_for answer after the next refresh: every 0.1 s here
            // instead of every second, so that the tests wait less; what they see is the same.
            .put("cluster.default.index.refresh_interval", "100ms")
            // A nearly full disk must not turn the test indices read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Node node = new ClassPathNode(settings, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "sis-test-node-stop"));
        node.start();

        int bound = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        System.out.println("started http://127.0.0.1:" + bound);
        System.out.flush();

        // The watchdog: the main thread waits for the end of standard input, then exits (the
        // shutdown hook closes the node). Anything written to stdin is ignored.
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // ignored
        }
        System.exit(0);
    }

    private static void stop(Node node) {
        try {
            node.close();
            node.awaitClose(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException error) {
            System.err.println("the node did not stop cleanly: " + error);
        }
    }
}
