package dev.custody.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.custody.server.TlsIdentity;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent against a server whose certificate it pinned, as a compromised server could answer. */
class ServerClientTest {
    private static final char[] PASSWORD = "test".toCharArray();

    private HttpsServer server;
    private String fingerprint;

    @BeforeEach
    void start() throws Exception {
        KeyStore keys = TlsIdentity.load(TlsIdentity.newKeyStore(PASSWORD, List.of("127.0.0.1")), PASSWORD);
        fingerprint = TlsIdentity.fingerprint(keys);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/small", exchange -> {
            byte[] answer = "{\"machines\": []}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i <= ServerClient.MAX_ANSWER >> 20; i++) {
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByTheClient) {
                // the client stops reading at its limit
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anAnswerIsReadAsJson() {
        assertThat(client().get("/small").path("machines").isArray()).isTrue();
    }

    /** Read whole, 65 MiB of answer would sit in the agent's heap; the client stops at its limit. */
    @Test
    void anAnswerLargerThanAnyServerSendsIsRefusedWithoutReadingItAll() {
        assertThatThrownBy(() -> client().get("/endless"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("answered more than 64 MiB; no Custody server's answer is that large");
    }

    private ServerClient client() {
        return new ServerClient("https://127.0.0.1:" + server.getAddress().getPort(), fingerprint, Optional.empty());
    }
}
