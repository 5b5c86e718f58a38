package io.newsflow.ingest.fetch;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsflow.ingest.identity.ArticleIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches URLs that come from outside (feed and sitemap URLs, item links, redirects) without letting them turn the
 * service against its own network or exhaust it, and without letting one slow site hold up the others.
 *
 * <p>Every hop is checked: only http and https; the host is resolved here and every address it resolves to must pass
 * the {@link AddressPolicy}; the connection then goes to the address that was checked (never to a second lookup, so a
 * DNS answer cannot change between check and use). Redirects are followed by hand, each one checked again, up to a
 * limit. Bodies are capped after decompression, connections and reads time out, and robots.txt is honoured. Requests
 * wait for their host's turn in a {@link HostGate} (spacing and concurrency per host, a bound across hosts) without
 * holding a thread: {@link #fetch} is asynchronous; {@link #get} waits for it.
 */
@ApplicationScoped
public class Fetcher {

    private static final Logger LOG = Logger.getLogger(Fetcher.class);
    private static final String ROBOTS_PATH = "/robots.txt";

    private final FetchSettings settings;
    private final AddressPolicy policy;
    private final Vertx vertx;
    private final HttpClient client;
    private final HostGate gate;
    private final RobotsCache robots;

    @Inject
    public Fetcher(Vertx vertx, FetchSettings settings) {
        this(vertx, settings, new AddressPolicy(settings.allowPrivate()));
    }

    public Fetcher(Vertx vertx, FetchSettings settings, AddressPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        this.vertx = vertx;
        this.gate = new HostGate(settings.perHostInterval(), settings.perHostConcurrency(), settings.maxInFlight());
        this.robots = new RobotsCache(settings.robots(), settings.robotName());
        // No keep-alive: a host gets one request per second or less, a pooled connection would mostly sit idle until
        // the server drops it, and an HTTP/1.0 server closes every connection after its answer anyway.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDecompressionSupported(true)
                .setKeepAlive(false)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeout((int) settings.readTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(Math.max(1, settings.perHostConcurrency())));
    }

    @PreDestroy
    void close() {
        gate.close();
        client.close();
    }


    /**
     * Checks a URL a client wants fetched later (a feed being registered): http(s), and a host whose every address the
     * policy allows.
     *
     * @throws FetchException refused, with a reason fit for the client
     */
    public void checkUrl(String url) throws FetchException {
        resolve(parse(url));
    }

    /**
     * GETs {@code url}, following redirects, and waits for the answer.
     *
     * @param headers extra request headers (e.g. conditional GET validators)
     * @return the final response, whatever its status (2xx, 304, 4xx, 5xx)
     * @throws FetchException when refused by policy or robots.txt, or when it failed
     */
    public FetchResponse get(String url, Map<String, String> headers) throws FetchException {
        try {
            return fetch(url, headers).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.failed("interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** The {@link FetchException} a failed {@link #fetch} carries (any other failure as a transient one). */
    public static FetchException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof FetchException fetch ? fetch : FetchException.failed(String.valueOf(cause), cause);
    }

    /**
     * GETs {@code url}, following redirects; completes with the final response whatever its status, or fails with a
     * {@link FetchException}.
     */
    public CompletableFuture<FetchResponse> fetch(String url, Map<String, String> headers) {
        return hop(url, url, headers, 0, settings.maxBodyBytes(), false, true);
    }

    /**
     * @param obeyRobots false for robots.txt itself and every hop it redirects to: those are not subject to the rules
     *        being read (and asking for them there would wait for this very read)
     */
    private CompletableFuture<FetchResponse> hop(String original, String current, Map<String, String> headers, int hop,
            long maxBytes, boolean truncate, boolean obeyRobots) {
        if (hop > settings.maxRedirects()) {
            return CompletableFuture.failedFuture(FetchException.permanent(original + " redirects more than "
                    + settings.maxRedirects() + " times", null));
        }
        URI uri;
        try {
            uri = parse(current);
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<FetchException> robotsCheck = obeyRobots ? robotsAllow(uri)
                : CompletableFuture.completedFuture(null);
        return robotsCheck.thenCompose(robotsRefusal -> {
            if (robotsRefusal != null) {
                return CompletableFuture.failedFuture(robotsRefusal);
            }
            return gate.submit(hostOf(uri).toLowerCase(Locale.ROOT), () -> once(uri, headers, maxBytes, truncate));
        }).thenCompose(response -> {
            String location = response.header("location");
            if (!isRedirect(response.status()) || location == null) {
                return CompletableFuture.completedFuture(response);
            }
            String next;
            try {
                next = uri.resolve(location.trim()).toString();
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(FetchException.permanent(current
                        + " redirects to an invalid location: " + location, e));
            }
            LOG.debugf("%s redirects to %s", uri, next);
            return hop(original, next, headers, hop + 1, maxBytes, truncate, obeyRobots);
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI parse(String url) throws FetchException {
        try {
            URI uri = ArticleIdentity.parseHttpUrl(url);
            if (uri.getRawUserInfo() != null) {
                throw FetchException.refused(url + ": URLs with credentials are not fetched");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw FetchException.refused("'" + url + "' " + e.getMessage());
        }
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private InetAddress resolve(URI uri) throws FetchException {
        String host = hostOf(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(IDN.toASCII(host));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw FetchException.refused(uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw FetchException.refused(uri.getHost() + " resolves to " + address.getHostAddress() + ", " + refusal
                        + "; only public addresses are fetched unless newsflow.fetch.allow-private=true");
            }
        }
        return addresses[0];
    }

    private CompletableFuture<FetchResponse> once(URI uri, Map<String, String> headers, long maxBytes, boolean truncate) {
        InetAddress address;
        try {
            address = resolve(uri);
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String host = hostOf(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setHost(IDN.toASCII(host))
                .setPort(port)
                .setSsl(https)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(settings.connectTimeout().toMillis())
                .setIdleTimeout(settings.readTimeout().toMillis())
                .putHeader("User-Agent", settings.userAgent());
        headers.forEach(options::putHeader);

        CompletableFuture<FetchResponse> result = new CompletableFuture<>();
        CompletableFuture<HttpClientRequest> sent = new CompletableFuture<>();
        long timer = vertx.setTimer(settings.totalTimeout().toMillis(), id -> {
            if (result.completeExceptionally(FetchException.failed(uri + ": no complete response within "
                    + settings.totalTimeout().toMillis() + " ms", null))) {
                sent.thenAccept(HttpClientRequest::reset);
            }
        });
        result.whenComplete((r, f) -> vertx.cancelTimer(timer));
        client.request(options).onFailure(f -> result.completeExceptionally(failed(uri, f))).onSuccess(request -> {
            sent.complete(request);
            request.send().onFailure(f -> result.completeExceptionally(failed(uri, f))).onSuccess(response -> {
                Map<String, String> responseHeaders = new HashMap<>();
                response.headers().forEach(h -> responseHeaders.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (result.isDone()) {
                        return;
                    }
                    if ((long) body.length() + chunk.length() > maxBytes) {
                        if (truncate) {
                            body.appendBuffer(chunk, 0, (int) (maxBytes - body.length()));
                            result.complete(new FetchResponse(response.statusCode(), responseHeaders, body.getBytes(),
                                    uri.toString()));
                        } else {
                            result.completeExceptionally(FetchException.permanent(uri + ": the body is larger than "
                                    + maxBytes + " bytes (newsflow.fetch.max-body-size)", null));
                        }
                        request.reset();
                        return;
                    }
                    body.appendBuffer(chunk);
                });
                response.exceptionHandler(f -> result.completeExceptionally(failed(uri, f)));
                response.endHandler(v -> result.complete(
                        new FetchResponse(response.statusCode(), responseHeaders, body.getBytes(), uri.toString())));
            });
        });
        return result;
    }

    private static FetchException failed(URI uri, Throwable failure) {
        return failure instanceof FetchException fetch ? fetch : FetchException.failed(uri + ": " + failure, failure);
    }

    /** Null when robots.txt allows {@code uri}, else why not: refused, or failed for now while it is unreachable. */
    private CompletableFuture<FetchException> robotsAllow(URI uri) {
        if (ROBOTS_PATH.equals(uri.getRawPath())) {
            return CompletableFuture.completedFuture(null);
        }
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        return robots.rules(origin, this::fetchRobots).thenApply(entry -> {
            if (entry.unreachable()) {
                return FetchException.failed(uri + " is not fetched for now: the site's robots.txt is unreachable", null);
            }
            return entry.rules().isAllowed(uri.toString()) ? null
                    : FetchException.refused(uri + " is disallowed by the site's robots.txt for " + settings.robotName());
        });
    }

    /** The sitemaps a site's robots.txt announces ({@code Sitemap:} lines), as absolute URLs. */
    public CompletableFuture<List<String>> announcedSitemaps(String siteUrl) {
        URI uri;
        try {
            uri = parse(siteUrl);
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        return robots.rules(origin, this::fetchRobots).thenApply(entry -> entry.rules().getSitemaps());
    }

    private CompletableFuture<FetchResponse> fetchRobots(String url) {
        return hop(url, url, Map.of(), 0, settings.robots().maxSize().asLongValue(), true, false);
    }
}
