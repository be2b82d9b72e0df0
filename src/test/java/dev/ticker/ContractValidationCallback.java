package dev.ticker;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/** Puts {@link ContractValidation} in front of every request a @QuarkusTest sends with REST Assured. */
public class ContractValidationCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(ContractValidation.INSTANCE)) {
            RestAssured.filters(ContractValidation.INSTANCE);
        }
    }
}
