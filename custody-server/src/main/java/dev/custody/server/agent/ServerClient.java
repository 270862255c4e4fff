package dev.custody.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.server.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTPS to a Custody server whose certificate is pinned by its SHA-256 fingerprint: no CA store
 * is consulted, and a server showing any other certificate is refused before a byte is sent.
 */
public final class ServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The most an answer is read into memory: a fleet status of 25,000 machines with their reasons
     * is a few MiB. A server that sends more (a compromised one: its certificate is pinned) must not
     * be able to exhaust the agent's memory.
     */
    static final int MAX_ANSWER = 64 << 20;

    private final URI base;
    private final HttpClient http;
    private final Optional<String> token;

    public ServerClient(String server, String fingerprint, Optional<String> token) {
        this.base = base(server);
        this.token = token;
        this.http = HttpClient.newBuilder().sslContext(pinned(TlsIdentity.normalizeFingerprint(fingerprint)))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static URI base(String server) {
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the server address '" + server + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the server address must be an https:// URL (got '" + server + "'); "
                    + "Custody servers speak TLS only");
        }
        return uri;
    }

    /** An answer the server gave with an error status; its message is the server's own. */
    public static final class ServerRefusal extends RuntimeException {
        private final int status;

        ServerRefusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).GET());
    }

    public JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).POST(json(body)));
    }

    public JsonNode put(String path, Object body) {
        return send(HttpRequest.newBuilder(base.resolve(base.getPath() + path)).PUT(json(body)));
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        int status;
        byte[] answer;
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER + 1);
            }
        } catch (SSLHandshakeException e) {
            throw new IllegalStateException("the server at " + base + " does not show the pinned certificate "
                    + "(wrong --fingerprint, or not the server you think)");
        } catch (ConnectException e) {
            throw new IllegalStateException("cannot connect to the server at " + base + " (is it running?)");
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("the server at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new IllegalStateException("cannot talk to the server at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server");
        }
        if (answer.length > MAX_ANSWER) {
            throw new IllegalStateException("the server at " + base + " answered more than " + (MAX_ANSWER >> 20)
                    + " MiB; no Custody server's answer is that large");
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer);
        } catch (IOException e) {
            throw new IllegalStateException("the server answered HTTP " + status + " without JSON");
        }
        if (status >= 300) {
            String message = body != null && body.path("error").isTextual() ? body.path("error").textValue()
                    : "HTTP " + status;
            throw new ServerRefusal(status, message);
        }
        return body;
    }

    private static SSLContext pinned(String fingerprint) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrust(fingerprint)}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is missing from this Java runtime", e);
        }
    }

    /** Trusts exactly one server certificate; as an extended trust manager it replaces host-name checks too. */
    private static final class PinnedTrust extends X509ExtendedTrustManager {
        private final String fingerprint;

        PinnedTrust(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !TlsIdentity.fingerprint(chain[0]).equals(fingerprint)) {
                throw new CertificateException("the server's certificate is not the pinned one");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("this client does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
