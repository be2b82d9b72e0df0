package dev.ticker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * openapi/openapi.yaml is the committed contract: the served document must equal it.
 * Refresh it after an intended change with:
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true}
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void servedDocumentEqualsTheCommittedContract() throws IOException {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), "openapi/openapi.yaml is missing; create it with -Dopenapi.update=true");
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8), served,
                "The API changed: review the difference, then refresh openapi/openapi.yaml with "
                        + "./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true");
    }

    @Test
    void everyOperationIsDescribedCompletely() throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(COMMITTED.toFile());
        assertTrue(doc.path("openapi").asText().startsWith("3.1"), "OpenAPI 3.1");
        assertFalse(doc.path("servers").isEmpty(), "a servers entry");
        List<String> problems = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            for (String field : List.of("operationId", "summary", "description", "security")) {
                if (operation.path(field).isMissingNode()) {
                    problems.add(name + " has no " + field);
                }
            }
            boolean publicRead = op.getKey().equals("get") && !path.getKey().startsWith("/v1/tokens")
                    && !path.getKey().startsWith("/v1/webhooks") && !path.getKey().contains("/revisions");
            if (publicRead && !operation.path("security").isEmpty()) {
                problems.add(name + " is a public read and needs security: []");
            }
            if (!publicRead && operation.path("security").isEmpty()) {
                problems.add(name + " is a write or an editor's read and needs the bearer scheme");
            }
            operation.path("responses").fields().forEachRemaining(response -> {
                int status = Integer.parseInt(response.getKey());
                // 414 and 431 come from the HTTP layer, before any code of ours, and have no body
                if (status >= 400 && status != 414 && status != 431
                        && response.getValue().path("content").path("application/problem+json").isMissingNode()) {
                    problems.add(name + " " + status + " is not a problem+json response");
                }
            });
            if (operation.path("responses").path("400").isMissingNode()) {
                problems.add(name + " has no 400 response");
            }
        }));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        JsonNode schemas = doc.path("components").path("schemas");
        for (String schema : List.of("Member", "News", "Issue", "Event", "Job", "Token", "Problem", "MemberInput", "NewsInput",
                "IssueInput", "EventInput", "JobInput", "TokenInput")) {
            assertNotNull(schemas.get(schema), schema);
            assertFalse(schemas.path(schema).path("description").asText().isEmpty(), schema + " has a description");
        }
        assertEquals("http", doc.path("components").path("securitySchemes").path("bearer").path("type").asText());
    }
}
