package io.github.gradsense.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The one JSON mapper of gradsense: records are written by their components, indented; no
 * polymorphic type information is ever written or read.
 *
 * <pre>{@code
 * String json = Json.mapper().writeValueAsString(provenance);
 * }</pre>
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  private Json() {}

  /** The shared mapper (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * {@code value} as a JSON tree: a record by its components, anything Jackson cannot describe
   * (a lambda, say) by its {@code toString()}.
   */
  public static JsonNode describe(Object value) {
    try {
      JsonNode n = MAPPER.valueToTree(value);
      if (n.isObject() && n.isEmpty() && !(value instanceof Record)) {
        return TextNode.valueOf(value.toString());
      }
      return n;
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(value.toString());
    }
  }

  /** {@code value} as indented JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
