package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.Messenger;
import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.SchemaCheck;
import dev.contractgate.testing.TestEnvironment;
import dev.contractgate.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /openapi.json stays true: every /api route the server has is in the document and every path in the document is
 * a route; and real answers of every documented operation, errors included, fit the schemas the document gives them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    static final String OPERATOR = TestEnvironment.OPERATOR_KEY;
    static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    static final String FREELANCER = "1001";
    static final String CLIENT = "2001";
    static final String ROOM = "5150";

    private FakeChatwork chatwork;
    private RunningService service;
    private TestHttp http;
    private JsonNode document;
    private SchemaCheck schemas;
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path folder) {
        chatwork = new FakeChatwork(BOT).members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder)));
        http = service.http();
        TestHttp.Answer answer = http.get("/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        document = answer.json();
        schemas = new SchemaCheck(document);
    }

    @AfterAll
    void stop() {
        service.close();
        chatwork.close();
    }

    /** Every operation of the document as {@code METHOD /path}. */
    private Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    @Test
    void describesEveryApiRouteAndNoRouteThatDoesNotExist() {
        Set<String> routes = new TreeSet<>(service.routes());
        Set<String> apiRoutes = new TreeSet<>(routes.stream().filter(route -> route.contains(" /api/")).toList());
        Set<String> documentedApi = new TreeSet<>(documented().stream().filter(op -> op.contains(" /api/")).toList());

        assertThat(documentedApi).as("the /api operations of openapi.yml and the server's /api routes")
                .containsExactlyElementsOf(apiRoutes);
        assertThat(routes).as("every documented path outside /api exists too").containsAll(documented());
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/info/version").asText()).isNotEqualTo("development").isNotBlank();
    }

    @Test
    void givesEveryApiOperationItsErrorsAndAKeyRequirement() {
        List<String> missing = new ArrayList<>();
        for (String operation : documented()) {
            String[] parts = operation.split(" ");
            JsonNode spec = document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            if (parts[1].startsWith("/api/") && !spec.path("responses").has("401")) {
                missing.add(operation + ": no 401");
            }
            if (!spec.hasNonNull("summary") || !spec.hasNonNull("operationId")) {
                missing.add(operation + ": no summary or operationId");
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Calls an operation, checks the status is documented for it and the body fits the schema; returns the answer. */
    private TestHttp.Answer call(String method, String template, String path, String key, String contentType, String body) {
        Request.Builder request = new Request.Builder().url(http.url(path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (method.equals("POST")) {
            request.post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get(contentType)));
        }
        TestHttp.Answer answer = http.send(request.build());
        String operation = method + " " + template;
        exercised.add(operation);
        JsonNode spec = document.at("/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase());
        if (spec.isMissingNode()) {
            problems.add(operation + ": not in the document");
            return answer;
        }
        JsonNode response = spec.path("responses").path(String.valueOf(answer.status()));
        if (response.isMissingNode()) {
            problems.add(operation + " answered " + answer.status() + ", which the document does not list: " + answer.body());
            return answer;
        }
        if (response.has("$ref")) {
            response = document.at(response.get("$ref").asText().substring(1));
        }
        String type = answer.contentType() == null ? null : answer.contentType().split(";")[0];
        JsonNode content = response.path("content");
        if (content.size() > 0) {
            if (type == null || !content.has(type)) {
                problems.add(operation + " " + answer.status() + ": content type " + type + " is not documented");
            } else if (type.endsWith("json")) {
                schemas.problems(answer.json(), content.get(type).path("schema"))
                        .forEach(problem -> problems.add(operation + " " + answer.status() + ": " + problem));
            }
        }
        return answer;
    }

    private TestHttp.Answer get(String template, String path, String key) {
        return call("GET", template, path, key, null, null);
    }

    private TestHttp.Answer post(String template, String path, String key, String json) {
        return call("POST", template, path, key, "application/json", json);
    }

    @Test
    void realAnswersOfEveryOperationFitTheDocument() {
        RegistryCalls registry = new RegistryCalls(http, OPERATOR);
        String clientKey = registry.createKey("client", CLIENT);
        String freelancerKey = registry.createKey("freelancer", FREELANCER);

        post("/api/parties", "/api/parties", OPERATOR, "{\"channel\":\"chatwork\",\"account_id\":\"" + FREELANCER
                + "\",\"role\":\"freelancer\",\"name\":\"山田 花子\"}");
        post("/api/parties", "/api/parties", freelancerKey, "{\"channel\":\"chatwork\",\"account_id\":\"" + FREELANCER
                + "\",\"role\":\"freelancer\"}");
        post("/api/parties", "/api/parties", OPERATOR, "{\"channel\":\"chatwork\",\"account_id\":\"" + FREELANCER
                + "\",\"role\":\"client\"}");
        post("/api/parties", "/api/parties", OPERATOR, "{\"channel\":\"fax\"}");
        get("/api/parties", "/api/parties?role=freelancer", OPERATOR);
        get("/api/parties", "/api/parties", clientKey);
        get("/api/parties", "/api/parties", null);

        String claim = "{\"platform\":\"crowdworks\",\"reference\":\"https://crowdworks.jp/proposals/1\",\"channel\":\"chatwork\","
                + "\"client_account_id\":\"" + CLIENT + "\",\"freelancer_account_id\":\"" + FREELANCER + "\",\"room_id\":\"" + ROOM + "\"}";
        long id = post("/api/applications", "/api/applications", clientKey, claim).json().get("id").asLong();
        post("/api/applications", "/api/applications", clientKey, claim.replace("}", ",\"status\":\"confirmed\"}"));
        post("/api/applications", "/api/applications", OPERATOR, "{\"platform\":1}");
        get("/api/applications", "/api/applications?status=claimed", clientKey);
        get("/api/applications/{id}", "/api/applications/" + id, freelancerKey);
        get("/api/applications/{id}", "/api/applications/999999", OPERATOR);
        post("/api/applications/{id}/confirm", "/api/applications/" + id + "/confirm", clientKey, "");
        post("/api/applications/{id}/confirm", "/api/applications/" + id + "/confirm", freelancerKey, "");
        post("/api/applications/{id}/deny", "/api/applications/" + id + "/deny", OPERATOR, "{\"reason\":\"late\"}");
        post("/api/applications/{id}/revoke", "/api/applications/" + id + "/revoke", OPERATOR, "{\"reason\":\"契約終了\"}");
        post("/api/applications/{id}/revoke", "/api/applications/999999/revoke", OPERATOR, "");
        call("POST", "/api/applications/import", "/api/applications/import", OPERATOR, "application/x-ndjson",
                claim.replace("proposals/1", "proposals/2") + "\nnot json\n");
        call("POST", "/api/applications/import", "/api/applications/import", OPERATOR, "text/plain", "x");
        call("POST", "/api/applications/import", "/api/applications/import", clientKey, "text/csv", "platform\n");
        registry.confirmed(CLIENT, FREELANCER, ROOM);

        new Messenger(950_000).say(service, ROOM, CLIENT, "報酬は5万円でお願いします。", Instant.now().getEpochSecond());
        Eventually.await("the bot's reply is sent", () -> !chatwork.postsIn(ROOM).isEmpty());
        get("/api/rooms", "/api/rooms?gate=confirmed", OPERATOR);
        get("/api/rooms", "/api/rooms?gate=wide", OPERATOR);
        get("/api/rooms/{channel}/{room_id}", "/api/rooms/chatwork/" + ROOM, clientKey);
        get("/api/rooms/{channel}/{room_id}", "/api/rooms/chatwork/404404", OPERATOR);
        get("/api/rooms/{channel}/{room_id}/ledger", "/api/rooms/chatwork/" + ROOM + "/ledger", OPERATOR);
        get("/api/rooms/{channel}/{room_id}/ledger", "/api/rooms/chatwork/" + ROOM + "/ledger?format=csv", freelancerKey);
        get("/api/rooms/{channel}/{room_id}/ledger", "/api/rooms/chatwork/" + ROOM + "/ledger?format=pdf", OPERATOR);
        Eventually.await("marked sent", () -> get("/api/outbox", "/api/outbox?status=sent", OPERATOR).json().size() >= 1);
        long entry = get("/api/outbox", "/api/outbox?room_id=" + ROOM, OPERATOR).json().get(0).get("id").asLong();
        get("/api/outbox", "/api/outbox?status=lost", OPERATOR);
        post("/api/outbox/{id}/retry", "/api/outbox/" + entry + "/retry", OPERATOR, "");
        post("/api/outbox/{id}/retry", "/api/outbox/999999/retry", OPERATOR, "");
        post("/api/outbox/{id}/discard", "/api/outbox/" + entry + "/discard", OPERATOR, "");
        post("/api/outbox/{id}/discard", "/api/outbox/" + entry + "/discard", clientKey, "");
        get("/api/inbox", "/api/inbox?status=done", OPERATOR);
        get("/api/inbox", "/api/inbox", clientKey);
        get("/api/audit", "/api/audit?since=2020-01-01T00:00:00Z", OPERATOR);
        get("/api/audit", "/api/audit?since=yesterday", OPERATOR);

        long key = post("/api/keys", "/api/keys", OPERATOR, "{\"role\":\"operator\",\"name\":\"ci\","
                + "\"expires_at\":\"2099-01-01T00:00:00Z\"}").json().get("id").asLong();
        post("/api/keys", "/api/keys", OPERATOR, "{\"role\":\"client\"}");
        post("/api/keys", "/api/keys", clientKey, "{\"role\":\"operator\"}");
        get("/api/keys", "/api/keys", OPERATOR);
        post("/api/keys/{id}/revoke", "/api/keys/" + key + "/revoke", OPERATOR, "");
        post("/api/keys/{id}/revoke", "/api/keys/999999/revoke", OPERATOR, "");
        get("/api/keys", "/api/keys", "cg_not-a-key");

        get("/health", "/health", null);
        get("/ready", "/ready", null);
        get("/metrics", "/metrics", null);
        call("POST", "/webhooks/chatwork", "/webhooks/chatwork", null, "application/json", "{}");
        call("POST", "/webhooks/msteams", "/webhooks/msteams", null, "application/json", "{}");

        assertThat(problems).isEmpty();
        assertThat(exercised).as("every documented operation is exercised here").containsAll(documented());
    }

    @Test
    void rendersAReferencePageThatNeedsNothingFromElsewhere() {
        TestHttp.Answer page = http.get("/api-docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<code>/api/applications/import</code>").contains("id=\"Application\"")
                .contains("no application 7").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }
}
