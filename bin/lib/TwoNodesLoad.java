import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for bin/two-nodes (docs/operations.md): a client-side "load balancer" over two app nodes on one database.
 * Each worker signs in once (a browser session in spring_session), then loops: a page of the signed-in user and an
 * API write (a facility with a unique name), alternating nodes; a request a node cannot answer (connection refused or
 * reset) is sent once more to the other node, as a load balancer retries an idempotent-safe failure. Counts go to
 * stdout; every acknowledged write's name goes to the file given, for the script to look up in the database.
 *
 * Usage: java TwoNodesLoad.java <portA> <portB> <seconds> <workers> <ackFile> <runId>
 */
public class TwoNodesLoad {

    static final String USER = "hr@sakura-seiki.example";
    static final String PASSWORD = "demo-pass-2026";
    static final String CLIENT = "demo-company-accounting:demo-accounting-secret-2026";

    public static void main(String[] args) throws Exception {
        int[] ports = {Integer.parseInt(args[0]), Integer.parseInt(args[1])};
        long seconds = Long.parseLong(args[2]);
        int workers = Integer.parseInt(args[3]);
        Path ackFile = Path.of(args[4]);
        String run = args[5];

        String token = token(ports[1]);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger lostRequests = new AtomicInteger();
        AtomicInteger lostSessions = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
            signIn(browser, ports[worker % 2]);
            boolean[] sessionLost = {false};
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long n = next.incrementAndGet();
                    int first = (int) (n % 2);
                    // a page of the signed-in user: 200 means the session held, a redirect to /login means it was lost
                    Integer page = withRetry(first, ports, port -> send(browser, HttpRequest.newBuilder(uri(port, "/company")).GET().build()),
                            sent, answered, retried, lostRequests);
                    if (page != null && page != 200 && !sessionLost[0]) {
                        sessionLost[0] = true;
                        lostSessions.incrementAndGet();
                    }
                    String name = "two-nodes " + run + " " + worker + "-" + n;
                    String json = "{\"name\":\"" + name + "\",\"acquiredOn\":\"2025-10-01\",\"acquisitionCost\":1000,"
                            + "\"usefulLifeYears\":10,\"method\":\"STRAIGHT_LINE\",\"sharedUseRatio\":1,\"sharedUseBasis\":\"FLOOR_AREA\"}";
                    Integer write = withRetry(1 - first, ports, port -> send(browser, HttpRequest.newBuilder(uri(port, "/api/v1/accounting/facilities"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build()), sent, answered, retried, lostRequests);
                    if (write != null && write == 201) {
                        writes.incrementAndGet();
                        acknowledged.add(name);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        Files.write(ackFile, acknowledged);
        System.out.printf("requests sent %d, answered %d, retried on the other node %d, lost %d%n",
                sent.get(), answered.get(), retried.get(), lostRequests.get());
        System.out.printf("sessions %d, lost %d%n", workers, lostSessions.get());
        System.out.printf("writes acknowledged %d%n", writes.get());
    }

    interface Call {
        int at(int port) throws Exception;
    }

    /** Sends to the first node, and once more to the other when the first cannot answer; null when neither did. */
    static Integer withRetry(int first, int[] ports, Call call, AtomicInteger sent, AtomicInteger answered,
            AtomicInteger retried, AtomicInteger lost) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int port = ports[(first + attempt) % 2];
            sent.incrementAndGet();
            try {
                int status = call.at(port);
                answered.incrementAndGet();
                return status;
            } catch (Exception e) {
                if (attempt == 0) {
                    retried.incrementAndGet();
                }
            }
        }
        lost.incrementAndGet();
        return null;
    }

    static int send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static void signIn(HttpClient browser, int port) throws Exception {
        String login = browser.send(HttpRequest.newBuilder(uri(port, "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        String form = "email=" + URLEncoder.encode(USER, StandardCharsets.UTF_8) + "&password=" + PASSWORD + "&_csrf=" + csrf.group(1);
        HttpResponse<Void> r = browser.send(HttpRequest.newBuilder(uri(port, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + location);
        }
    }

    static String token(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString(CLIENT.getBytes(StandardCharsets.UTF_8));
        String body = client.send(HttpRequest.newBuilder(uri(port, "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=accounting.read%20accounting.write")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token: " + body);
        }
        return m.group(1);
    }
}
