package org.helpline.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.node.HelplineNode;

/** Running nodes for a test class, and the client-side steps every end-to-end test takes. */
public final class Helpline implements AutoCloseable {
    private final List<HelplineNode> nodes = new ArrayList<>();
    private final List<TestSocket> sockets = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Vertx clientVertx;

    public Helpline(Vertx clientVertx) {
        this.clientVertx = clientVertx;
    }

    public HelplineNode startNode(HelplineConfig config, String redisUrl) {
        HelplineNode node = Waits.await(HelplineNode.start(config, redisUrl), 30);
        nodes.add(node);
        return node;
    }

    public int port(int node) {
        return nodes.get(node).httpPort();
    }

    public TestSocket socket(int node, String path) {
        TestSocket socket = TestSocket.open(clientVertx, port(node), path);
        sockets.add(socket);
        return socket;
    }

    public TestSocket socket(int node, String path, String origin) {
        TestSocket socket = TestSocket.open(clientVertx, port(node), path, origin);
        sockets.add(socket);
        return socket;
    }

    /** A visitor socket that has started a conversation; returns the socket, the 'started' frame is in started(). */
    public Visitor visitor(int node, JsonObject triage) {
        TestSocket socket = socket(node, "/ws/visitor");
        socket.send(new JsonObject().put("type", "start").put("triage", triage));
        return new Visitor(socket, socket.next("started"));
    }

    /** Logs a counsellor in over HTTP and returns the session token. */
    public String login(int node, String id, String password) {
        HttpResponse<String> response = post(node, "/api/counsellor/login",
                new JsonObject().put("id", id).put("password", password).encode());
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    /** A console authenticated with a fresh session, set available; the welcome frame has been taken. */
    public TestSocket availableConsole(int node, String counsellorId, String password) {
        TestSocket console = socket(node, "/ws/console");
        console.send(new JsonObject().put("type", "auth").put("token", login(node, counsellorId, password)));
        console.next("welcome");
        console.send(new JsonObject().put("type", "status").put("status", "available"));
        console.next("status");
        return console;
    }

    public HttpResponse<String> get(int node, String path) {
        return send(HttpRequest.newBuilder(uri(node, path)).GET().build());
    }

    public HttpResponse<String> post(int node, String path, String json) {
        return send(HttpRequest.newBuilder(uri(node, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private URI uri(int node, String path) {
        return URI.create("http://localhost:" + port(node) + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public void closeSockets() {
        sockets.forEach(TestSocket::close);
        sockets.clear();
    }

    @Override
    public void close() {
        closeSockets();
        for (HelplineNode node : nodes) {
            Waits.await(node.close());
        }
        nodes.clear();
    }

    /** A visitor's socket and the conversation it started. */
    public record Visitor(TestSocket socket, JsonObject started) {
        public String conversation() {
            return started.getString("conversation");
        }

        public String secret() {
            return started.getString("resumeSecret");
        }
    }
}
