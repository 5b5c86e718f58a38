package io.newsflow.devstack.feedbench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The news sites of the feed benchmark, on this machine only: one HTTP server per host on its own loopback address
 * (127.0.1.1, 127.0.1.2, …, all one port), each carrying feeds of items whose pages name a canonical URL of their own.
 * Some hosts are slow (every answer 2–5 s late), some fail now and then (503 to one request for a feed or a page in
 * five, at random), half answer 304 to a feed asked with its ETag. Requests are counted by user agent, so each replica's share shows.
 */
final class FeedSites implements AutoCloseable {

    record Host(String address, boolean slow, boolean failing, boolean etags) {
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(96);
    private final int port;
    private final int feedsPerHost;
    private final int items;
    private final Map<String, AtomicLong> byAgent = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();

    FeedSites(int hostCount, int feedsPerHost, int items, double slowShare, double failingShare, long seed) throws IOException {
        this.feedsPerHost = feedsPerHost;
        this.items = items;
        Random random = new Random(seed);
        int slow = (int) Math.round(hostCount * slowShare);
        int failing = (int) Math.round(hostCount * failingShare);
        int chosenPort = 0;
        for (int h = 0; h < hostCount; h++) {
            String address = "127.0.1." + (h + 1);
            Host host = new Host(address, h < slow, h >= slow && h < slow + failing, h % 2 == 0);
            HttpServer server = HttpServer.create(new InetSocketAddress(address, chosenPort), 200);
            chosenPort = server.getAddress().getPort();
            server.setExecutor(executor);
            server.createContext("/", exchange -> answer(host, exchange, random));
            server.start();
            servers.add(server);
            hosts.add(host);
        }
        this.port = chosenPort;
    }

    List<Host> hosts() {
        return hosts;
    }

    String feedUrl(Host host, int feed) {
        return "http://" + host.address() + ":" + port + "/feed-" + feed + ".xml";
    }

    /** The canonical URL the page of one item names: what its article's id comes from. */
    String canonicalUrl(Host host, int feed, int item) {
        return "http://" + host.address() + ":" + port + "/story/" + feed + "-" + item;
    }

    long requests() {
        return requests.get();
    }

    long notModified() {
        return notModified.get();
    }

    long unavailable() {
        return unavailable.get();
    }

    Map<String, Long> requestsByAgent() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        byAgent.forEach((agent, count) -> copy.put(agent, count.get()));
        return copy;
    }

    private void answer(Host host, HttpExchange exchange, Random random) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")).split("[/ ]", 2)[0];
            byAgent.computeIfAbsent(agent, a -> new AtomicLong()).incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (host.slow()) {
                int delay;
                synchronized (random) {
                    delay = 2000 + random.nextInt(3001);
                }
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (path.equals("/robots.txt")) {
                send(exchange, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
                return;
            }
            boolean fails;
            synchronized (random) {
                fails = host.failing() && random.nextInt(5) == 0;
            }
            if (fails) {
                unavailable.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (path.startsWith("/feed-") && path.endsWith(".xml")) {
                int feed = Integer.parseInt(path.substring("/feed-".length(), path.length() - ".xml".length()));
                String etag = "\"" + host.address() + "-" + feed + "\"";
                if (host.etags() && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    notModified.incrementAndGet();
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
                if (host.etags()) {
                    exchange.getResponseHeaders().add("ETag", etag);
                }
                send(exchange, 200, "application/rss+xml", feed(host, feed));
                return;
            }
            if (path.startsWith("/item/")) {
                String[] parts = path.substring("/item/".length()).split("-");
                send(exchange, 200, "text/html; charset=utf-8", page(host, Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
                return;
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private String feed(Host host, int feed) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
                .append("<title>Site ").append(host.address()).append(" feed ").append(feed).append("</title><link>http://")
                .append(host.address()).append(":").append(port).append("/</link><description>d</description>");
        for (int i = items - 1; i >= 0; i--) {
            xml.append("<item><title>Story ").append(feed).append('-').append(i).append("</title><link>http://")
                    .append(host.address()).append(':').append(port).append("/item/").append(feed).append('-').append(i)
                    .append("?utm_source=rss</link><guid>").append(host.address()).append('/').append(feed).append('/')
                    .append(i).append("</guid><description>Summary of story ").append(feed).append('-').append(i)
                    .append(".</description></item>");
        }
        return xml.append("</channel></rss>").toString();
    }

    private String page(Host host, int feed, int item) {
        return "<!DOCTYPE html><html lang=\"en\"><head><title>Story " + feed + "-" + item + " of " + host.address()
                + "</title><link rel=\"canonical\" href=\"" + canonicalUrl(host, feed, item) + "\"></head><body><nav>Home"
                + " | World | Sport</nav><article><h1>Story " + feed + "-" + item + "</h1><p>The council of the town met"
                + " on Tuesday to discuss story " + feed + "-" + item + " of the site " + host.address() + ", and the"
                + " members agreed after a long debate that the harbour would reopen in spring.</p><p>Residents said the"
                + " decision came late, but welcomed it; the works are to start next month and last eight weeks.</p>"
                + "</article><footer>Subscribe</footer></body></html>";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    int feedsPerHost() {
        return feedsPerHost;
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        executor.shutdownNow();
    }
}
