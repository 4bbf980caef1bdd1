package io.github.gradsense.report;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON mapper of gradsense: records are written by their components, indented. The spec
 * types (a data set, task, network, weight initialiser, probe, schedule, objective, stimulus family,
 * image source) carry a {@code "type"} property whose value comes from a closed list of short names,
 * declared with {@code @JsonSubTypes} on each of them; no class name is ever written or read (a value
 * outside the list, a lambda say, is written with type {@code "unlisted"}).
 *
 * <p>{@link #spec} writes a spec in canonical form (type first, then the properties sorted, so a hash
 * of its text is stable) and {@link #readSpec} reads it back through the records' canonical
 * constructors, so their validation runs; every error names the JSON path of the bad value.
 *
 * <pre>{@code
 * String json = Json.mapper().writeValueAsString(provenance);
 * JsonNode spec = Json.spec(Networks.linearAutoencoder().tied());   // {"type":"linear-autoencoder",…}
 * Network again = Json.readSpec(spec, Network.class);
 * }</pre>
 */
public final class Json {
  /** The type name of a value outside its type's closed list (a lambda, a caller's own class). */
  static final String UNLISTED = "unlisted";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .annotationIntrospector(new ClosedTypeNames())
      .addModule(codeModule())
      .build();

  private static final ObjectMapper SPECS = JsonMapper.builder()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .annotationIntrospector(new ClosedTypeNames())
      .addModule(codeModule())
      .addModule(new SimpleModule("paths")
          .addSerializer(Path.class, new ToStringSerializer(Path.class))
          .addDeserializer(Path.class, new PathDeserializer()))
      .build();

  private Json() {}

  /** The shared mapper (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * {@code value} as a JSON tree: a record by its components (a spec with its {@code "type"} names,
   * also inside a list or map), anything Jackson cannot describe (a lambda, say) by its
   * {@code toString()}.
   */
  public static JsonNode describe(Object value) {
    try {
      JsonNode n = tree(MAPPER, value);
      if (n.isObject() && n.isEmpty() && !(value instanceof Record)) {
        return TextNode.valueOf(value.toString());
      }
      return n;
    } catch (IllegalArgumentException e) {
      return TextNode.valueOf(value.toString());
    }
  }

  /**
   * {@code value} as a tree, lists and maps walked here so that each element is written with its own
   * type's {@code "type"} name (Jackson writes the elements of a {@code List<Object>} untyped).
   */
  private static JsonNode tree(ObjectMapper mapper, @Nullable Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = mapper.createObjectNode();
      map.forEach((k, v) -> o.set(k instanceof Enum<?> e ? e.name() : String.valueOf(k), tree(mapper, v)));
      return o;
    }
    if (value instanceof Collection<?> c) {
      ArrayNode a = mapper.createArrayNode();
      for (Object v : c) {
        a.add(tree(mapper, v));
      }
      return a;
    }
    return mapper.valueToTree(value);
  }

  /**
   * {@code value}, a spec (a record of the spec types, or a list or map of them), as a typed JSON tree
   * in canonical form: every object's {@code "type"} first, then its properties sorted by name; paths
   * as strings. A value that cannot be re-created from its JSON (a data set built by hand, weights
   * given as numbers, a lambda) is written as a description that {@link #readSpec} refuses.
   *
   * @throws IllegalArgumentException naming the path of a value Jackson cannot write
   */
  public static JsonNode spec(Object value) {
    try {
      return canonical(tree(SPECS, value));
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() instanceof JsonMappingException m ? m : e;
      String where = cause instanceof JsonMappingException m ? path(rootName(value.getClass()), m) : rootName(value.getClass());
      throw new IllegalArgumentException("cannot write " + where + " as a spec: " + scrub(original(cause)), e);
    }
  }

  /**
   * Reads a spec written by {@link #spec} as a {@code type}: by its {@code "type"} names and the
   * records' canonical constructors, whose validation runs. Unknown or misspelt properties, missing
   * ones and unknown type names are errors.
   *
   * @throws IllegalArgumentException naming the JSON path of the bad value (e.g. {@code network.type
   *     'resnet'? expected one of: linear-autoencoder, …}), the allowed names or properties, or the
   *     record's own validation message
   */
  public static <T> T readSpec(JsonNode node, Class<T> type) {
    try {
      T value = read(SPECS.reader(), node, type);
      if (value == null) {
        throw new IllegalArgumentException(rootName(type) + ": null, expected a spec");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(message(rootName(type), firstOf(e, node, type)), e);
    }
  }

  private static <T> T read(com.fasterxml.jackson.databind.ObjectReader reader, JsonNode node, Class<T> type)
      throws JsonProcessingException {
    return reader.treeToValue(node, type);
  }

  /**
   * Jackson reports a missing property before a misspelt one (it checks unknown properties after the
   * constructor): the misspelt key is the better message, so look for one with missing values allowed.
   */
  private static JsonProcessingException firstOf(JsonProcessingException e, JsonNode node, Class<?> type) {
    if (!(e instanceof MismatchedInputException) || !original(e).startsWith("Missing ")) {
      return e;
    }
    try {
      read(SPECS.reader().without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
          DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES), node, type);
    } catch (UnrecognizedPropertyException u) {
      return u;
    } catch (JsonProcessingException | RuntimeException other) {
      return e;
    }
    return e;
  }

  /**
   * The closed list of JSON type names of {@code type} (or of the abstract spec type it implements),
   * in declaration order; empty for a type without one.
   */
  static List<String> typeNames(Class<?> type) {
    JsonSubTypes list = subTypes(type);
    List<String> names = new ArrayList<>();
    if (list != null) {
      for (JsonSubTypes.Type t : list.value()) {
        names.add(t.name());
      }
    }
    return names;
  }

  private static @Nullable JsonSubTypes subTypes(Class<?> type) {
    JsonSubTypes own = type.getAnnotation(JsonSubTypes.class);
    if (own != null) {
      return own;
    }
    for (Class<?> i : type.getInterfaces()) {
      JsonSubTypes inherited = subTypes(i);
      if (inherited != null) {
        return inherited;
      }
    }
    return type.getSuperclass() == null ? null : subTypes(type.getSuperclass());
  }

  /** "network" for Network, "data" for DataSpec, "task" for TaskSpec: the name of a spec's root in messages. */
  private static String rootName(Class<?> type) {
    String n = type.getSimpleName().replaceFirst("Spec$", "");
    return n.isEmpty() ? "spec" : Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  private static String message(String root, JsonProcessingException e) {
    String where = e instanceof JsonMappingException m ? path(root, m) : root;
    if (e instanceof UnrecognizedPropertyException u && where.endsWith("." + u.getPropertyName())) {
      where = where.substring(0, where.length() - u.getPropertyName().length() - 1);
    }
    if (e instanceof InvalidTypeIdException t) {
      String allowed = String.join(", ", typeNames(t.getBaseType().getRawClass()));
      if (t.getTypeId() == null) {
        return where + ".type is missing; expected one of: " + allowed;
      }
      if (UNLISTED.equals(t.getTypeId())) {
        return where + ": a value outside the closed list of " + t.getBaseType().getRawClass().getSimpleName()
            + " types (a lambda or a caller's own class) cannot be re-created from JSON; expected one of: " + allowed;
      }
      return where + ".type '" + t.getTypeId() + "'? expected one of: " + allowed;
    }
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) {
        for (Object k : u.getKnownPropertyIds()) {
          known.add(String.valueOf(k));
        }
      }
      known.sort(null);
      return where + ": unknown property '" + u.getPropertyName() + "'; expected one of: " + String.join(", ", known);
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause() == null ? v : v.getCause();
      if (cause instanceof NullPointerException) {
        return where + "." + cause.getMessage() + " must not be null";
      }
      return where + ": " + scrub(cause.getMessage());
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      String allowed = java.util.Arrays.stream(f.getTargetType().getEnumConstants())
          .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
      return where + " '" + f.getValue() + "'? expected one of: " + allowed;
    }
    String original = original(e);
    Matcher missing = Pattern.compile("Missing (?:required )?creator property '([^']+)'").matcher(original);
    if (missing.find()) {
      String name = missing.group(1);
      return (where.endsWith("." + name) ? where : where + "." + name) + " is missing";
    }
    if (e instanceof MismatchedInputException && original.startsWith("Cannot map `null` into type")) {
      return where + " is null; expected a value";
    }
    return where + ": " + scrub(original);
  }

  private static String original(Throwable e) {
    String m = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Java class names in Jackson's messages, shortened to their simple names. */
  private static String scrub(@Nullable String message) {
    if (message == null) {
      return "";
    }
    return message.replaceAll("(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)((?:\\$[A-Za-z0-9_]+)*)", "$1$2")
        .replace('$', '.');
  }

  /** The JSON path of Jackson's error: {@code network.layers[2].filters}. */
  private static String path(String root, JsonMappingException e) {
    StringBuilder b = new StringBuilder(root);
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  /** The tree with every object's {@code "type"} first and its other properties sorted by name. */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = SPECS.createObjectNode();
      JsonNode type = node.get("type");
      if (type != null) {
        sorted.set("type", type);
      }
      Map<String, JsonNode> rest = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().equals("type")) {
          rest.put(f.getKey(), canonical(f.getValue()));
        }
      }
      rest.forEach(sorted::set);
      return sorted;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, canonical(node.get(i)));
      }
    }
    return node;
  }

  /**
   * Jackson's annotation reading, with type names from the {@code @JsonSubTypes} lists only: a value
   * outside its type's list is written with type {@value #UNLISTED}, never with its class name.
   */
  private static final class ClosedTypeNames extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    protected TypeResolverBuilder<?> _constructStdTypeResolverBuilder(MapperConfig<?> config, JsonTypeInfo.Value typeInfo,
        JavaType baseType) {
      return new ClosedBuilder(typeInfo);
    }
  }

  private static final class ClosedBuilder extends StdTypeResolverBuilder {
    ClosedBuilder(JsonTypeInfo.Value settings) {
      super(settings);
    }

    private ClosedBuilder(ClosedBuilder base, Class<?> defaultImpl) {
      super(base, defaultImpl);
    }

    @Override
    public StdTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
      return _defaultImpl == defaultImpl ? this : new ClosedBuilder(this, defaultImpl);
    }

    @Override
    protected TypeIdResolver idResolver(MapperConfig<?> config, JavaType baseType, PolymorphicTypeValidator validator,
        Collection<NamedType> subtypes, boolean forSer, boolean forDeser) {
      TypeIdResolver names = super.idResolver(config, baseType, validator, subtypes, forSer, forDeser);
      if (!forSer || _idType != JsonTypeInfo.Id.NAME) {
        return names;
      }
      Set<Class<?>> listed = subtypes.stream().filter(NamedType::hasName).map(NamedType::getType).collect(Collectors.toSet());
      return new ClosedIds(names, listed);
    }
  }

  /** Type ids of listed classes only; any other class is {@value #UNLISTED}. */
  private record ClosedIds(TypeIdResolver names, Set<Class<?>> listed) implements TypeIdResolver {
    @Override
    public void init(JavaType baseType) {
      names.init(baseType);
    }

    @Override
    public String idFromValue(Object value) {
      return listed.contains(value.getClass()) ? names.idFromValue(value) : UNLISTED;
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
      return listed.contains(suggestedType) ? names.idFromValueAndType(value, suggestedType) : UNLISTED;
    }

    @Override
    public String idFromBaseType() {
      return names.idFromBaseType();
    }

    @Override
    public JavaType typeFromId(com.fasterxml.jackson.databind.DatabindContext context, String id) throws IOException {
      return names.typeFromId(context, id);
    }

    @Override
    public String getDescForKnownTypeIds() {
      return names.getDescForKnownTypeIds();
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
      return names.getMechanism();
    }
  }

  /** Lambdas and anonymous classes are written as a description of what they are, never by their class. */
  private static SimpleModule codeModule() {
    return new SimpleModule("code").setSerializerModifier(new BeanSerializerModifier() {
      private static final long serialVersionUID = 1L;

      @Override
      public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
          JsonSerializer<?> serializer) {
        Class<?> c = description.getBeanClass();
        return c.isSynthetic() || c.isHidden() || c.isAnonymousClass() || c.isLocalClass()
            ? new CodeSerializer(serializer) : serializer;
      }
    });
  }

  /** Code where a spec type is expected: a description under type {@value #UNLISTED}; elsewhere as before. */
  private static final class CodeSerializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;
    private final JsonSerializer<Object> untyped;

    @SuppressWarnings("unchecked")
    CodeSerializer(JsonSerializer<?> untyped) {
      super(Object.class);
      this.untyped = (JsonSerializer<Object>) untyped;
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      untyped.serialize(value, gen, provider);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Object value) {
      return untyped.isEmpty(provider, value);
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer types)
        throws IOException {
      var id = types.writeTypePrefix(gen, types.typeId(value, JsonToken.START_OBJECT));
      fields(value, gen);
      types.writeTypeSuffix(gen, id);
    }

    private static void fields(Object value, JsonGenerator gen) throws IOException {
      Class<?> api = value.getClass().getInterfaces().length > 0 ? value.getClass().getInterfaces()[0] : Object.class;
      gen.writeStringField("description", "a " + api.getSimpleName() + " given as Java code (a lambda or anonymous class):"
          + " it cannot be re-created from JSON");
    }
  }

  /** A path from its string form ({@code Path.toString()}) or a {@code file:} URI. */
  private static final class PathDeserializer extends StdScalarDeserializer<Path> {
    private static final long serialVersionUID = 1L;

    PathDeserializer() {
      super(Path.class);
    }

    @Override
    public Path deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Path) context.handleUnexpectedToken(Path.class, p);
      }
      String text = p.getText();
      try {
        return text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
      } catch (RuntimeException e) {
        return (Path) context.handleWeirdStringValue(Path.class, text, "not a path: %s", e.getMessage());
      }
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
