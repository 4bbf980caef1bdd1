package io.github.gradsense.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.report.Json;

/** Specs as typed JSON and back (the closed lists of type names live on the spec types). */
final class SpecJson {
  private SpecJson() {}

  static JsonNode spec(Object value) {
    return Json.describe(value);
  }
}
