package dev.ticker.job;

import jakarta.persistence.Converter;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.ticker.content.ApiValue;

/** The kind of contract a job posting offers. */
@Schema(name = "EmploymentType", type = SchemaType.STRING, description = "The kind of contract.",
        examples = "full_time")
public enum EmploymentType implements ApiValue {
    FULL_TIME("full_time"),
    PART_TIME("part_time"),
    /** Freelance or fixed work for a fee (Werkvertrag, freie Mitarbeit). */
    CONTRACT("contract"),
    /** Employment for a limited time (befristet). */
    TEMPORARY("temporary"),
    /** Praktikum. */
    INTERNSHIP("internship"),
    /** Ausbildung, including dual study programmes. */
    APPRENTICESHIP("apprenticeship"),
    /** Werkstudent:in. */
    WORKING_STUDENT("working_student");

    private final String value;

    EmploymentType(String value) {
        this.value = value;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    @Converter
    public static class Column extends ApiValue.Column<EmploymentType> {
        public Column() {
            super(EmploymentType.class);
        }
    }
}
