package dev.custody.server.web;

import dev.custody.common.TerminalText;
import dev.custody.server.Fleet;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Instant;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS only: the REST API (admin token as a bearer token; agents prove themselves by their
 * quotes) and the web page (signed in once with the token, then by a session cookie).
 */
public final class FleetServer implements AutoCloseable {
    static final String SESSION_COOKIE = "custody_session";

    /** The API's OpenAPI 3.1 description, kept next to the handlers it describes. */
    private static final String OPENAPI = openApi();

    private final Javalin app;

    private FleetServer(Javalin app) {
        this.app = app;
    }

    public record Tls(KeyStore keyStore, char[] password) {}

    public static FleetServer start(Fleet fleet, byte[] adminTokenSha256, Tls tls, String host, int port) {
        Api api = new Api(fleet);
        Handler admin = ctx -> requireToken(ctx, adminTokenSha256);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 8L * 1024 * 1024;
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(tls.keyStore());
                ssl.setKeyStorePassword(new String(tls.password()));
                HttpConfiguration https = new HttpConfiguration(http);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Agents pin the certificate and may reach the server by any name or address.
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            var routes = config.routes;
            routes.before(ctx -> ctx.header("Cache-Control", "no-store"));
            routes.get("/api/v1/health", ctx -> Api.reply(ctx, 200, java.util.Map.of("status", "ok")));
            routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(OPENAPI));
            routes.before("/api/v1/enrolments", admin);
            routes.before("/api/v1/enrolments/*", admin);
            routes.before("/api/v1/machines", admin);
            routes.before("/api/v1/machines/*", admin);
            routes.post("/api/v1/enrolments", api::beginEnrolment);
            routes.post("/api/v1/enrolments/{id}/activation", api::completeEnrolment);
            routes.get("/api/v1/machines", api::machines);
            routes.get("/api/v1/machines/{name}", api::machine);
            routes.put("/api/v1/machines/{name}/reference", api::setReference);
            routes.post("/api/v1/nonces", api::nonce);
            routes.post("/api/v1/attestations", api::attest);
            routes.get("/", ctx -> home(ctx, fleet, adminTokenSha256));
            routes.post("/login", ctx -> login(ctx, fleet, adminTokenSha256));
            routes.get("/machines/{name}", ctx -> {
                if (signedIn(ctx, fleet)) {
                    html(ctx, 200, FleetPage.machine(fleet.detail(ctx.pathParam("name"))));
                } else {
                    ctx.redirect("/");
                }
            });
            routes.exception(Fleet.Refusal.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            routes.exception(Exception.class, FleetServer::internalError);
        });
        app.start();
        return new FleetServer(app);
    }

    private static String openApi() {
        try (InputStream in = FleetServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void requireToken(Context ctx, byte[] adminTokenSha256) {
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
        if (!tokenMatches(token, adminTokenSha256)) {
            throw new Fleet.Refusal(401, "the admin token is missing or wrong");
        }
    }

    private static boolean tokenMatches(String token, byte[] adminTokenSha256) {
        return !token.isEmpty() && MessageDigest.isEqual(dev.custody.server.ServerDirectory.sha256(token), adminTokenSha256);
    }

    /** {@code /?token=T} signs in once and redirects, so the token does not stay in the address bar or history. */
    private static void home(Context ctx, Fleet fleet, byte[] adminTokenSha256) {
        String token = ctx.queryParam("token");
        if (token != null) {
            signInWith(ctx, fleet, token, adminTokenSha256);
            return;
        }
        if (signedIn(ctx, fleet)) {
            html(ctx, 200, FleetPage.fleet(fleet.status()));
        } else {
            html(ctx, 200, FleetPage.signIn(false));
        }
    }

    private static void login(Context ctx, Fleet fleet, byte[] adminTokenSha256) {
        String token = ctx.formParam("token");
        signInWith(ctx, fleet, token == null ? "" : token, adminTokenSha256);
    }

    private static void signInWith(Context ctx, Fleet fleet, String token, byte[] adminTokenSha256) {
        if (!tokenMatches(token.strip(), adminTokenSha256)) {
            html(ctx, 401, FleetPage.signIn(true));
            return;
        }
        String session = fleet.newSession();
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + URLEncoder.encode(session, StandardCharsets.US_ASCII)
                + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + Fleet.SESSION_LIFETIME.toSeconds());
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static boolean signedIn(Context ctx, Fleet fleet) {
        String session = ctx.cookie(SESSION_COOKIE);
        return session != null && !session.isEmpty() && fleet.sessionValid(session);
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }

    /**
     * A bug, not a refusal: its message may quote the request or the server's internals, so the
     * caller gets none of it; the server's log (server.log) gets the whole trace.
     */
    private static void internalError(Exception e, Context ctx) {
        System.err.println(Instant.now() + " internal error answering " + ctx.method() + " "
                + TerminalText.escape(ctx.path()) + ":");
        e.printStackTrace();
        error(ctx, 500, "internal error; the details are in the server's log");
    }

    private static void error(Context ctx, int status, String message) {
        Api.reply(ctx, status, java.util.Map.of("error", message == null ? "error" : message));
    }
}
