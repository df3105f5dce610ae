package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kam.devsignin.DevSignIn;
import org.kam.testsupport.JsonRecord;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The dashboard as a decision maker meets it: a year of four customers' sales and their tier moves
 * arrive through Kafka; the portfolio views give exact figures; then a real headless Chromium signs
 * in through the OAuth2 login (against the development sign-in) and sees the charts and tables, and a
 * supply planner sees only what supply may read. A context of its own: the figures are exact.
 */
@TestPropertySource(properties = { "kam.test.context=dashboard", "kam.dashboard.sign-in.client-id=kam-dashboard",
        "kam.dashboard.sign-in.client-secret=dashboard-secret" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT extends ServiceIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int PORT = freePort();
    private static final DevSignIn SIGN_IN = startSignIn();

    private boolean given;
    private WebDriver browser;

    @DynamicPropertySource
    static void signInAndPort(DynamicPropertyRegistry properties) {
        // The provider registers exact redirect URIs, so the service's port is chosen here.
        properties.add("server.port", () -> PORT);
        properties.add("kam.dashboard.sign-in.issuer-uri", () -> SIGN_IN.issuer().toString());
    }

    @AfterAll
    void closeBrowserAndSignIn() {
        if (browser != null) {
            browser.quit();
        }
        SIGN_IN.close();
    }

    /** Four customers over a year, the latest sale on 30 June 2026 noon (the business clock). */
    private void givenAYearOfFourCustomers() {
        if (given) {
            return;
        }
        given = true;
        kafka.send(Topics.PRODUCTS, "SKU-1", EventJson.productDetails("SKU-1", "Air conditioning").json(),
                Map.of("kam-event-type", "ProductDetailsChanged"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/market-signals/product-lines", "SUPPLY").json()
                .size() == 1);
        kafka.sendAll(List.of(
                sale("DASH-E", "1000", "2024-01-01T10:00:00Z"),
                sale("DASH-D", "5000", "2025-08-01T10:00:00Z"),
                sale("DASH-A", "30000", "2026-01-15T12:00:00Z"),
                sale("DASH-B", "25000", "2026-02-10T12:00:00Z"),
                sale("DASH-C", "10000", "2026-05-20T12:00:00Z"),
                sale("DASH-A", "30000", "2026-06-30T12:00:00Z")));
        kafka.sendAll(List.of(
                tierChange("DASH-A", "REGULAR", "POTENTIAL", "2026-01-15T13:00:00Z", 1),
                tierChange("DASH-A", "POTENTIAL", "KEY", "2026-02-10T13:00:00Z", 2),
                tierChange("DASH-B", "REGULAR", "KEY", "2026-02-10T13:00:00Z", 1),
                tierChange("DASH-C", "REGULAR", "POTENTIAL", "2026-05-20T13:00:00Z", 1)));
        kafka.send(Topics.RESERVATIONS, "DASH-A", EventJson.reservationChanged("DASH-A", 400, 300, 100)
                .withRaw("sku", JsonRecord.quote("AC-COMP-7")).json());
        EventJson stockOut = EventJson.keyAccountStockOut("DASH-B", "AC-COMP-7");
        kafka.send(Topics.SUPPLY_SIGNALS, "AC-COMP-7", stockOut.json(), Map.of("kam-event-type", stockOut.type()));
        TestApi.Response filed = api.post("/api/v1/intelligence", """
                {"source":"news feed","sourceOrganisation":"Reuters","reportedOn":"%s","accounts":["DASH-A"],
                 "title":"Dashboard Industries doubles its compressor line","text":"Dashboard Industries will double its compressor line in 2027.",
                 "link":"https://example.org/dash"}""".formatted(LocalDate.now()), "KAM");
        assertThat(filed.status()).isEqualTo(201);
        assertThat(api.put("/api/v1/intelligence/" + filed.json().get("item").get("number").asString() + "/assessment", """
                {"impact":"HIGH","demandEffect":"STRONG_INCREASE","reaction":"Reserve compressor capacity for 2027"}""",
                "KAM_LEAD").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/stock", "SUPPLY").json().size() == 1
                && api.get("/api/v1/portfolio/tiers?months=1", "ANALYST").json().get(0).get("key").asInt() == 2
                && api.get("/api/v1/portfolio/concentration", "ANALYST").json().get("view").get("accounts").asInt() == 4);
    }

    @Test
    @Order(1)
    void thePortfolioViewsGiveTheParetoCurveConcentrationTiersOverTimeAndTopMovers() {
        givenAYearOfFourCustomers();

        JsonNode pareto = api.get("/api/v1/portfolio/pareto", "SALES").json();
        assertThat(pareto.get("to").asString()).isEqualTo("2026-06-30T12:00:00.001Z");
        assertThat(pareto.get("view").get("ranksFor80").asInt()).isEqualTo(2);
        assertThat(pareto.get("view").get("points").findValuesAsString("accountId"))
                .containsExactly("DASH-A", "DASH-B", "DASH-C", "DASH-D");
        assertThat(pareto.get("view").get("points").findValues("cumulativeShare")).extracting(JsonNode::asDouble)
                .containsExactly(0.6, 0.85, 0.95, 1.0);

        JsonNode concentration = api.get("/api/v1/portfolio/concentration", "KAM").json().get("view");
        assertThat(concentration.get("hhi").asDouble()).isEqualTo(4350.0);
        assertThat(concentration.get("keyShare").asDouble()).isEqualTo(0.85);

        JsonNode tiers = api.get("/api/v1/portfolio/tiers?months=6", "ANALYST").json();
        assertThat(tiers.findValuesAsString("month"))
                .containsExactly("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06");
        assertThat(tiers.findValues("key")).extracting(JsonNode::asInt).containsExactly(0, 2, 2, 2, 2, 2);
        assertThat(tiers.findValues("potential")).extracting(JsonNode::asInt).containsExactly(1, 0, 0, 0, 1, 1);
        assertThat(tiers.findValues("regular")).extracting(JsonNode::asInt).containsExactly(2, 2, 2, 2, 2, 2);
        assertThat(tiers.get(1).get("migrations").toString())
                .isEqualTo("[{\"from\":\"POTENTIAL\",\"to\":\"KEY\",\"accounts\":1},{\"from\":\"REGULAR\",\"to\":\"KEY\",\"accounts\":1}]");

        JsonNode movers = api.get("/api/v1/portfolio/movers?days=90", "KAM_LEAD").json().get("view");
        assertThat(movers.get("up").findValuesAsString("accountId")).containsExactly("DASH-C");
        assertThat(movers.get("down").findValuesAsString("accountId")).containsExactly("DASH-B");
        assertThat(movers.get("down").get(0).get("changeShare").asDouble()).isEqualTo(-1.0);

        JsonNode stock = api.get("/api/v1/stock", "SUPPLY").json().get(0);
        assertThat(stock.toString()).isEqualTo("{\"sku\":\"AC-COMP-7\",\"requested\":400,\"reserved\":300,\"shortage\":100,"
                + "\"accounts\":1,\"stockOuts\":1,\"backordered\":12}");
    }

    @Test
    @Order(2)
    void revenuePerCustomerIsNotForSupplyAndPeriodsAreBounded() {
        assertThat(api.get("/api/v1/portfolio/pareto", "SUPPLY").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/portfolio/pareto?days=0", "SALES").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/portfolio/tiers?months=121", "SALES").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/market-signals/series", "SALES").status()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void aKeyAccountLeadSignsInAndSeesTheChartsAndTablesWithTheData() throws IOException {
        givenAYearOfFourCustomers();
        WebDriver chromium = browser();
        chromium.get("http://127.0.0.1:" + PORT + "/dashboard/");

        // the dashboard sends the person to the sign-in, which lists who to be
        wait(chromium).until(ExpectedConditions.elementToBeClickable(By.id("as-ines"))).click();

        // back on the dashboard, signed in, the portfolio first
        wait(chromium).until(ExpectedConditions.textToBe(By.cssSelector("#card-key-share .value"), "85%"));
        assertThat(chromium.findElement(By.id("person")).getText()).isEqualTo("Ines Lopes (KAM_LEAD)");
        assertThat(chromium.findElements(By.cssSelector("nav button"))).extracting(WebElement::getText)
                .containsExactly("Portfolio", "Key accounts", "Stock", "Notifications", "Intelligence");
        assertThat(chromium.findElement(By.cssSelector("#card-pareto .value")).getText()).isEqualTo("50% (2 of 4)");
        assertThat(chartData(chromium, "pareto-chart", 0)).isEqualTo(List.of(60000L, 25000L, 10000L, 5000L));
        List<Object> keyAccountsPerMonth = chartData(chromium, "tiers-chart", 0);
        assertThat(keyAccountsPerMonth.subList(keyAccountsPerMonth.size() - 6, keyAccountsPerMonth.size()))
                .isEqualTo(List.of(0L, 2L, 2L, 2L, 2L, 2L));
        assertThat(rows(chromium, "movers-table")).containsExactly(List.of("DASH-C", "POTENTIAL", "0", "10,000", "+10,000 (new)"),
                List.of("DASH-B", "KEY", "25,000", "0", "-25,000 (-100%)"));
        screenshot(chromium, "dashboard-portfolio.png");

        // each key account's sales against its baseline
        chromium.findElement(By.id("show-ACCOUNTS")).click();
        wait(chromium).until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-caption"), "DASH-A"));
        assertThat(chromium.findElement(By.id("account-select")).getText()).contains("DASH-A", "DASH-B");
        assertThat(chartData(chromium, "account-chart", 0)).hasSizeGreaterThan(20).contains(30000L);
        // and each product line's: every sale here is of SKU-1, an air-conditioning part
        wait(chromium).until(ExpectedConditions.textToBePresentInElementLocated(By.id("line-caption"), "Air conditioning"));
        assertThat(chartData(chromium, "line-chart", 0)).contains(30000L, 25000L, 10000L, 5000L);

        // protected stock and backorders per SKU
        chromium.findElement(By.id("show-STOCK")).click();
        wait(chromium).until(driver -> !rows(driver, "stock-table").isEmpty()
                && rows(driver, "stock-table").get(0).get(0).equals("AC-COMP-7"));
        assertThat(rows(chromium, "stock-table")).containsExactly(List.of("AC-COMP-7", "300", "400", "100", "1", "1", "12"));
        assertThat(chartData(chromium, "stock-chart", 2)).isEqualTo(List.of(12L));

        // the notification feed: DASH-A and DASH-B became KEY, which PRODUCTION hears of
        chromium.findElement(By.id("show-NOTIFICATIONS")).click();
        wait(chromium).until(driver -> rows(driver, "notifications-table").stream().anyMatch(row -> row.contains("DASH-B")));
        // a key-account stock-out is critical; acknowledging it (a changing call, with the page's CSRF token) shows who saw it
        wait(chromium).until(driver -> rows(driver, "notifications-table").stream()
                .anyMatch(row -> row.get(3).equals("KEY_ACCOUNT_STOCK_OUT") && row.get(2).equals("CRITICAL")));
        chromium.findElement(By.id("open-only")).click();
        wait(chromium).ignoring(StaleElementReferenceException.class).until(driver -> {
            driver.findElement(By.cssSelector("#notifications-table tbody tr[data-id] button.acknowledge")).click();
            return true;
        });
        wait(chromium).until(driver -> api.get("/api/v1/notifications?acknowledged=true&limit=500", "ADMIN").json()
                .findValuesAsString("acknowledgedBy").contains("ines"));
        chromium.findElement(By.id("open-only")).click();
        wait(chromium).until(driver -> rows(driver, "notifications-table").stream().anyMatch(row -> row.get(6).equals("seen by ines")));

        // the intelligence register, filtered
        chromium.findElement(By.id("show-INTELLIGENCE")).click();
        wait(chromium).until(driver -> rows(driver, "intelligence-table").stream()
                .anyMatch(row -> row.get(1).equals("Dashboard Industries doubles its compressor line")
                        && row.get(7).equals("HIGH impact, demand strong increase: Reserve compressor capacity for 2027 (test-user)")));
        chromium.findElement(By.name("q")).sendKeys("nothing-matches-this");
        chromium.findElement(By.cssSelector("#intelligence-filters button")).click();
        wait(chromium).until(driver -> rows(driver, "intelligence-table").equals(List.of(List.of("No item matches."))));

        // signing out ends the session: the API no longer answers the page
        chromium.findElement(By.id("sign-out")).click();
        wait(chromium).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        assertThat(fetchStatus(chromium, "/api/v1/me")).isEqualTo(401L);
    }

    @Test
    @Order(4)
    void aSupplyPlannerSeesStockAndNotificationsButNoRevenuePerCustomer() {
        givenAYearOfFourCustomers();
        WebDriver chromium = browser();
        chromium.manage().deleteAllCookies();
        chromium.get("http://127.0.0.1:" + PORT + "/dashboard/");
        wait(chromium).until(ExpectedConditions.elementToBeClickable(By.id("as-paula"))).click();

        wait(chromium).until(ExpectedConditions.textToBe(By.id("person"), "Paula Berg (SUPPLY)"));
        assertThat(chromium.findElements(By.cssSelector("nav button"))).extracting(WebElement::getText)
                .containsExactly("Key accounts", "Stock", "Notifications", "Intelligence");
        chromium.findElement(By.id("show-NOTIFICATIONS")).click();
        // their feed opens on their own department
        wait(chromium).until(driver -> "PRODUCTION".equals(driver.findElement(By.id("department-select")).getDomProperty("value")));
        // the page's session is held to the same rules as a token: no revenue per customer for supply
        assertThat(fetchStatus(chromium, "/api/v1/portfolio/pareto")).isEqualTo(403L);
        assertThat(fetchStatus(chromium, "/api/v1/stock")).isEqualTo(200L);
    }

    @Test
    @Order(5)
    void aChangeSentWithTheSessionNeedsTheCsrfTokenThePageWasGiven() {
        WebDriver chromium = browser();
        String report = """
                {"source":"phone call","sourceOrganisation":"Dashboard Industries","reportedOn":"%s",
                 "title":"Dashboard Industries plans a second plant","text":"A second plant is planned near Porto."}"""
                .formatted(LocalDate.now());
        String post = """
                const done = arguments[arguments.length - 1];
                const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).substring(11);
                const headers = {'Content-Type': 'application/json'};
                if (arguments[1]) { headers['X-XSRF-TOKEN'] = decodeURIComponent(token); }
                fetch('/api/v1/intelligence', {method: 'POST', credentials: 'same-origin', headers: headers,
                    body: arguments[0]}).then(r => done(r.status));""";

        Object withoutToken = ((JavascriptExecutor) chromium).executeAsyncScript(post, report, false);
        Object withToken = ((JavascriptExecutor) chromium).executeAsyncScript(post, report, true);

        assertThat(withoutToken).as("a cross-site page could send the cookie, but not the token").isEqualTo(403L);
        assertThat(withToken).isEqualTo(201L);
    }

    private WebDriver browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them: apt-get install chromium chromium-driver)");
        if (browser == null) {
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            // Flags from the machine notes: headless, and no background calls to hosts this network refuses.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1400,1000", "--lang=en-US");
            try {
                options.addArguments("--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            browser = new ChromeDriver(driver, options);
        }
        return browser;
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** The values of one series of the chart in {@code elementId}, as ECharts holds them. */
    @SuppressWarnings("unchecked")
    private static List<Object> chartData(WebDriver driver, String elementId, int series) {
        return (List<Object>) ((JavascriptExecutor) driver).executeScript("""
                const option = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();
                return option.series[arguments[1]].data.map(d => d !== null && typeof d === 'object' ? d.value : d);""",
                elementId, series);
    }

    /** The table's rows as text, read in one script: the page may redraw the table between two reads. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(WebDriver driver, String tableId) {
        return (List<List<String>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))
                    .map(row => Array.from(row.querySelectorAll('td')).map(td => td.innerText.trim()));""", tableId);
    }

    private static Object fetchStatus(WebDriver driver, String path) {
        return ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status));""", path);
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static ProducerRecord<String, String> sale(String account, String amount, String at) {
        return new ProducerRecord<>(Topics.SALES, account, EventJson.sale(account).withRaw("amount", amount)
                .withRaw("occurredAt", JsonRecord.quote(at)).json());
    }

    private static ProducerRecord<String, String> tierChange(String account, String from, String to, String asOf,
            long sequence) {
        return new ProducerRecord<>(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, from, to)
                .withRaw("asOf", JsonRecord.quote(asOf)).withRaw("sequence", String.valueOf(sequence)).json());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DevSignIn startSignIn() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            return DevSignIn.start(0, List.of(
                    new DevSignIn.Person("ines", "Ines Lopes", List.of("KAM_LEAD"), "key account lead"),
                    new DevSignIn.Person("paula", "Paula Berg", List.of("SUPPLY"), "production planner")),
                    new DevSignIn.Client("kam-dashboard", "dashboard-secret",
                            List.of("http://127.0.0.1:" + PORT + "/login/oauth2/code/kam")),
                    (RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
