package io.newsflow.ingest.fetch;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.newsflow.ingest.identity.ArticleIdentity;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches URLs that come from outside (feed URLs, feed item links, redirects) without letting them turn the service
 * against its own network or exhaust it.
 *
 * <p>Every hop is checked: only http and https; the host is resolved here and every address it resolves to must pass
 * the {@link AddressPolicy}; the connection then goes to the address that was checked (never to a second lookup, so a
 * DNS answer cannot change between check and use). Redirects are followed by hand, each one checked again, up to a
 * limit. Bodies are capped after decompression, connections and reads time out, requests to one host are spaced, and
 * robots.txt is honoured. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class Fetcher {

    private static final Logger LOG = Logger.getLogger(Fetcher.class);
    private static final String ROBOTS_PATH = "/robots.txt";

    private final FetchSettings settings;
    private final AddressPolicy policy;
    private final HttpClient client;
    private final HostRateLimiter rateLimiter;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    private final Map<String, CachedRules> robots = new ConcurrentHashMap<>();

    @Inject
    public Fetcher(Vertx vertx,
            @ConfigProperty(name = "newsflow.fetch.user-agent") String userAgent,
            @ConfigProperty(name = "newsflow.fetch.allow-private") boolean allowPrivate,
            @ConfigProperty(name = "newsflow.fetch.connect-timeout") Duration connectTimeout,
            @ConfigProperty(name = "newsflow.fetch.read-timeout") Duration readTimeout,
            @ConfigProperty(name = "newsflow.fetch.total-timeout") Duration totalTimeout,
            @ConfigProperty(name = "newsflow.fetch.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "newsflow.fetch.max-redirects") int maxRedirects,
            @ConfigProperty(name = "newsflow.fetch.per-host-interval") Duration perHostInterval,
            @ConfigProperty(name = "newsflow.fetch.robots-cache-time") Duration robotsCacheTime) {
        this(vertx, new FetchSettings(userAgent, allowPrivate, connectTimeout, readTimeout, totalTimeout,
                maxBody.asLongValue(), maxRedirects, perHostInterval, robotsCacheTime));
    }

    public Fetcher(Vertx vertx, FetchSettings settings) {
        this(vertx, settings, new AddressPolicy(settings.allowPrivate()));
    }

    public Fetcher(Vertx vertx, FetchSettings settings, AddressPolicy policy) {
        this.settings = settings;
        this.policy = policy;
        this.rateLimiter = new HostRateLimiter(settings.perHostInterval());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDecompressionSupported(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeout((int) settings.readTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(8));
    }

    @PreDestroy
    void close() {
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
     * GETs {@code url}, following redirects.
     *
     * @param headers extra request headers (e.g. conditional GET validators)
     * @return the final response, whatever its status (2xx, 304, 4xx, 5xx)
     * @throws FetchException when refused by policy or robots.txt, or when it failed
     */
    public FetchResponse get(String url, Map<String, String> headers) throws FetchException {
        String current = url;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            URI uri = parse(current);
            if (!robotsAllow(uri)) {
                throw FetchException.refused(current + " is disallowed by the site's robots.txt for " + settings.robotName());
            }
            FetchResponse response = once(uri, headers);
            String location = response.header("location");
            if (!isRedirect(response.status()) || location == null) {
                return response;
            }
            try {
                current = uri.resolve(location.trim()).toString();
            } catch (IllegalArgumentException e) {
                throw FetchException.failed(current + " redirects to an invalid location: " + location, e);
            }
            LOG.debugf("%s redirects to %s", uri, current);
        }
        throw FetchException.failed(url + " redirects more than " + settings.maxRedirects() + " times", null);
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

    private FetchResponse once(URI uri, Map<String, String> headers) throws FetchException {
        InetAddress address = resolve(uri);
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String host = hostOf(uri);
        try {
            rateLimiter.acquire(host.toLowerCase(Locale.ROOT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.failed("interrupted", e);
        }
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
        client.request(options).onFailure(result::completeExceptionally).onSuccess(request -> {
            sent.complete(request);
            request.send().onFailure(result::completeExceptionally).onSuccess(response -> {
                Map<String, String> responseHeaders = new HashMap<>();
                response.headers().forEach(h -> responseHeaders.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                Buffer body = Buffer.buffer();
                response.handler(chunk -> {
                    if (result.isDone()) {
                        return;
                    }
                    if ((long) body.length() + chunk.length() > settings.maxBodyBytes()) {
                        result.completeExceptionally(FetchException.failed(uri + ": the body is larger than "
                                + settings.maxBodyBytes() + " bytes (newsflow.fetch.max-body-size)", null));
                        request.reset();
                        return;
                    }
                    body.appendBuffer(chunk);
                });
                response.exceptionHandler(result::completeExceptionally);
                response.endHandler(v -> result.complete(
                        new FetchResponse(response.statusCode(), responseHeaders, body.getBytes(), uri.toString())));
            });
        });
        try {
            return result.get(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.thenAccept(HttpClientRequest::reset);
            throw FetchException.failed(uri + ": no complete response within " + settings.totalTimeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FetchException.failed("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchException fetch) {
                throw fetch;
            }
            throw FetchException.failed(uri + ": " + e.getCause(), e.getCause());
        }
    }

    private boolean robotsAllow(URI uri) throws FetchException {
        if (ROBOTS_PATH.equals(uri.getRawPath())) {
            return true;
        }
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        CachedRules cached = robots.get(origin);
        if (cached == null || cached.expiresAt < System.nanoTime()) {
            cached = new CachedRules(readRobots(origin), System.nanoTime() + settings.robotsCacheTime().toNanos());
            robots.put(origin, cached);
        }
        return cached.rules.isAllowed(uri.toString());
    }

    // RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx, network) allows nothing for now.
    private BaseRobotRules readRobots(String origin) throws FetchException {
        String robotsUrl = origin + ROBOTS_PATH;
        try {
            FetchResponse response = get(robotsUrl, Map.of());
            if (response.ok()) {
                return robotsParser.parseContent(robotsUrl, response.body(), response.header("content-type"),
                        List.of(settings.robotName().toLowerCase(Locale.ROOT)));
            }
            return robotsParser.failedFetch(response.status());
        } catch (FetchException e) {
            if (e.refused()) {
                throw e;
            }
            LOG.infof("robots.txt of %s could not be read, so nothing there is fetched for now: %s", origin, e.getMessage());
            return robotsParser.failedFetch(503);
        }
    }

    private record CachedRules(BaseRobotRules rules, long expiresAt) {
    }
}
