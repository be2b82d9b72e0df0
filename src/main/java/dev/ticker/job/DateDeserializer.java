package dev.ticker.job;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import dev.ticker.web.Rfc3339;

/**
 * Calendar dates only as {@code YYYY-MM-DD} strings in the years 0001–9999. Jackson's own
 * reader also takes timestamps (cutting off the time), arrays and years PostgreSQL cannot store.
 */
public class DateDeserializer extends StdScalarDeserializer<LocalDate> {

    public DateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return Rfc3339.date(parser.getText());
            } catch (DateTimeException e) {
                // answered below
            }
        }
        throw JsonMappingException.from(parser, "must be a date such as 2025-12-31");
    }
}
