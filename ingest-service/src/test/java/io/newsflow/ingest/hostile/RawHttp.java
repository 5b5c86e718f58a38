package io.newsflow.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bare HTTP/1.1 client over a socket: sends exactly the bytes a hostile client would (an invalid query string, a
 * declared length with no body, a chunked body past the limit), which ordinary clients refuse to produce. The body is
 * written on another thread while the answer is read, since the service may answer before the body is all sent.
 */
final class RawHttp {

    /** The answer: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /**
     * @param headers sent as given; a {@code Content-Length} among them is sent instead of the real one (and then no
     *        body is sent), else the body is sent with its length or, when {@code chunked}, in chunks
     */
    static Answer send(int port, String method, String path, Map<String, String> headers, byte[] body, boolean chunked)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            boolean declared = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Length"));
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (!declared && body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    if (!declared && body != null) {
                        writeBody(out, body, chunked);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The service may refuse and close before the whole body is sent: its answer is what counts.
                }
            });
            Answer answer = read(socket.getInputStream());
            writing.cancel(true);
            return answer;
        }
    }

    private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
        if (!chunked) {
            out.write(body);
            return;
        }
        int chunk = 1 << 16;
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.writeBytes(in.readAllBytes());
        }
        return new Answer(status, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    throw new IOException("the connection closed without an answer");
                }
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
