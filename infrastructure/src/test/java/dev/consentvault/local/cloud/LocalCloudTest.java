package dev.consentvault.local.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The local run stops when its cloud stops answering: what counts as answering. */
class LocalCloudTest {

    @Test
    void anEndpointAnsweringAnyHttpStatusIsReachableAndIsNotOnceItStops() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                });
        server.start();
        LocalCloud cloud =
                new LocalCloud.ExternalCloud(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        try {
            assertTrue(cloud.reachable(), "a 404 still means the cloud is there");
        } finally {
            server.stop(0);
        }
        assertFalse(cloud.reachable(), "nothing listens any more");
    }
}
