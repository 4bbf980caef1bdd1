package io.github.gradsense.runtime;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * A TensorFlow graph and its session, and every tensor made for them: the only owner of native
 * memory in gradsense. Build the graph through {@link #tf()} and the typed helpers here, then
 * {@linkplain #runner() run} it; results come back as Java arrays and their tensors are closed at
 * once. {@link #close()} frees the rest.
 *
 * <p>{@code T} is the floating-point type of the graph ({@link TFloat32} or {@link TFloat64}), chosen
 * by {@link RuntimeConfig#precision()}; every constant, placeholder and variable made by these
 * helpers has that type, so the same network code builds float32 training graphs and float64
 * check graphs.
 *
 * <pre>{@code
 * try (TfSession<?> s = TfSession.open(RuntimeConfig.defaults())) {
 *   double[] y = build(s);            // a generic <T extends TFloating> method captures the type
 * }
 * static <T extends TFloating> double[] build(TfSession<T> s) {
 *   Operand<T> x = s.constant(Matrix.identity(3));
 *   return s.runner().fetch(s.tf().math.mul(x, s.scalar(2))).run().get(0);
 * }
 * }</pre>
 *
 * <p>Variables must all be created before the first run (their initialisers run then); ops of
 * other kinds may be added later. Not thread-safe.
 *
 * @param <T> the graph's floating-point tensor type
 */
public final class TfSession<T extends TFloating> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TfSession.class.getName());

  private final RuntimeConfig config;
  private final Class<T> type;
  private final Graph graph;
  private final Ops tf;
  private final List<Feed<?>> feeds = new ArrayList<>();
  private final List<Object[]> standing = new ArrayList<>();
  private final Map<Variable<T>, Assigner<T>> assigners = new IdentityHashMap<>();
  private final Map<String, Integer> names = new HashMap<>();
  private @Nullable Session session;
  private java.util.function.@Nullable Consumer<org.tensorflow.proto.RunMetadata> tracer;
  private boolean closed;

  private TfSession(RuntimeConfig config, Class<T> type) {
    this.config = config;
    this.type = type;
    if (config.portable()) {
      CpuInfo.requirePortableKernels(System.getenv());     // before any native work
    }
    this.graph = new Graph();
    Ops ops = Ops.create(graph);
    if (config.device() == Device.GPU) {
      ops = ops.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
    }
    this.tf = ops;
  }

  /** Opens a session whose precision is {@code config.precision()}. */
  public static TfSession<? extends TFloating> open(RuntimeConfig config) {
    return config.precision() == Precision.FLOAT64 ? float64(config) : float32(config);
  }

  /** Opens a float32 session (the precision in {@code config} is overridden). */
  public static TfSession<TFloat32> float32(RuntimeConfig config) {
    return new TfSession<>(config.withPrecision(Precision.FLOAT32), TFloat32.class);
  }

  /** Opens a float64 session (the precision in {@code config} is overridden). */
  public static TfSession<TFloat64> float64(RuntimeConfig config) {
    return new TfSession<>(config.withPrecision(Precision.FLOAT64), TFloat64.class);
  }

  /** The op factory of this graph. */
  public Ops tf() {
    checkOpen();
    return tf;
  }

  /** The graph's floating-point type. */
  public Class<T> type() {
    return type;
  }

  /** The configuration this session was opened with. */
  public RuntimeConfig config() {
    return config;
  }

  /** A unique op name built from {@code base}. */
  public String uniqueName(String base) {
    int n = names.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + "_" + n;
  }

  // ---------------------------------------------------------------- kernels

  /**
   * Max pooling of an NHWC tensor over {@code size × size} windows: TensorFlow's {@code MaxPool},
   * whose window and strides are attributes, not {@code MaxPoolV2} (what {@code tf.nn.maxPool}
   * builds, with them as tensors). The values are the same; the difference is the kernel: oneDNN
   * runs {@code MaxPool} and its gradient natively, while {@code MaxPoolGradV2} falls back to
   * TensorFlow's own kernel, which took 5.6 of the 28 ms of a small CNN's float32 training step
   * on 2 Zen 5 threads (19 ms with this op).
   *
   * <pre>{@code
   * Operand<TFloat32> pooled = session.maxPool(h, 2, 2, "VALID");
   * }</pre>
   */
  public Operand<T> maxPool(Operand<T> x, int size, int stride, String padding) {
    checkOpen();
    long[] window = {1, size, size, 1};
    long[] strides = {1, stride, stride, 1};
    return tf.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
        .setAttr("ksize", window).setAttr("strides", strides).setAttr("padding", padding).build().output(0);
  }

  // ---------------------------------------------------------------- constants and inputs

  /** A scalar constant of type {@code T}. */
  public Operand<T> scalar(double value) {
    return constant(new double[] {value});
  }

  /** A constant of type {@code T} with {@code shape} (a scalar when empty) from row-major values. */
  public Operand<T> constant(double[] values, long... shape) {
    checkOpen();
    Shape s = Shape.of(shape);
    if (s.size() != values.length) {
      throw new IllegalArgumentException(
          "values hold " + values.length + " entries, shape " + s + " needs " + s.size());
    }
    return constantIn(tf, values.clone(), shape);
  }

  /** A rank-1 constant. */
  public Operand<T> vector(double... values) {
    return constant(values, values.length);
  }

  /** A rank-2 constant. */
  public Operand<T> constant(Matrix m) {
    return constant(m.toArray(), m.rows(), m.cols());
  }

  /** The {@code n x n} identity as a constant. */
  public Operand<T> identity(int n) {
    return constant(Matrix.identity(n));
  }

  /** A placeholder of type {@code T}; {@code -1} marks an unknown dimension. */
  public Placeholder<T> placeholder(String name, long... shape) {
    checkOpen();
    return tf.withName(uniqueName(name)).placeholder(type, Placeholder.shape(Shape.of(shape)));
  }

  /** An int32 placeholder (indices). */
  public Placeholder<TInt32> intPlaceholder(String name, long... shape) {
    checkOpen();
    return tf.withName(uniqueName(name)).placeholder(TInt32.class, Placeholder.shape(Shape.of(shape)));
  }

  /** An int64 placeholder (op seeds, counters). */
  public Placeholder<TInt64> longPlaceholder(String name, long... shape) {
    checkOpen();
    return tf.withName(uniqueName(name)).placeholder(TInt64.class, Placeholder.shape(Shape.of(shape)));
  }

  /**
   * A variable of type {@code T} initialised to {@code initial}. Must be called before the first
   * run.
   */
  public Variable<T> variable(String name, Matrix initial) {
    checkOpen();
    if (session != null) {
      throw new IllegalStateException(
          "variable '" + name + "' created after the session started: create all variables before the first run");
    }
    Ops init = tf.withInitScope();
    Operand<T> value = constantIn(init, initial.toArray(), initial.rows(), initial.cols());
    return init.withName(uniqueName(name)).variable(value);
  }

  /**
   * A variable of type {@code T} with {@code shape}, initialised to the row-major {@code values}.
   * Must be called before the first run.
   */
  public Variable<T> variable(String name, double[] values, long... shape) {
    checkOpen();
    if (session != null) {
      throw new IllegalStateException(
          "variable '" + name + "' created after the session started: create all variables before the first run");
    }
    if (Shape.of(shape).size() != values.length) {
      throw new IllegalArgumentException(
          "values hold " + values.length + " entries, shape " + Shape.of(shape) + " needs " + Shape.of(shape).size());
    }
    Ops init = tf.withInitScope();
    return init.withName(uniqueName(name)).variable(constantIn(init, values.clone(), shape));
  }

  @SuppressWarnings("unchecked")
  private Operand<T> constantIn(Ops ops, double[] values, long... shape) {
    Shape s = Shape.of(shape);
    if (type == TFloat64.class) {
      return (Operand<T>) ops.constant(s, DataBuffers.of(values));
    }
    return (Operand<T>) ops.constant(s, DataBuffers.of(toFloats(values)));
  }

  private static float[] toFloats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /**
   * A prebuilt input tensor of type {@code T} holding {@code values} (row-major, read without
   * copying them first), owned by this session and fed without copying on every run that names it.
   * Use it for data sets fed at every step.
   */
  @SuppressWarnings("unchecked")
  public Feed<T> feed(java.nio.FloatBuffer values, long... shape) {
    checkOpen();
    Shape s = Shape.of(shape);
    if (s.size() != values.remaining()) {
      throw new IllegalArgumentException(
          "values hold " + values.remaining() + " entries, shape " + s + " needs " + s.size());
    }
    if (type == TFloat64.class) {
      float[] copy = new float[values.remaining()];
      values.duplicate().get(copy);
      return feed(copy, shape);
    }
    Feed<T> f = new Feed<>((T) TFloat32.tensorOf(s, DataBuffers.of(values.duplicate())));
    feeds.add(f);
    return f;
  }

  /**
   * A prebuilt input tensor of type {@code T} holding {@code values} (row-major), owned by this
   * session and fed without copying on every run that names it.
   */
  @SuppressWarnings("unchecked")
  public Feed<T> feed(float[] values, long... shape) {
    checkOpen();
    Shape s = Shape.of(shape);
    if (s.size() != values.length) {
      throw new IllegalArgumentException(
          "values hold " + values.length + " entries, shape " + s + " needs " + s.size());
    }
    Tensor t;
    if (type == TFloat64.class) {
      double[] d = new double[values.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = values[i];
      }
      t = TFloat64.tensorOf(s, DataBuffers.of(d, true, false));
    } else {
      t = TFloat32.tensorOf(s, DataBuffers.of(values, true, false));
    }
    Feed<T> f = new Feed<>((T) t);
    feeds.add(f);
    return f;
  }

  /**
   * A large constant that stays out of the graph: a placeholder fed, on every run of this session,
   * a tensor built once from {@code values}. Graph constants are copied and considered for folding
   * by TensorFlow's optimiser each time a new set of fetches runs (measured: ~14 s per new probe on
   * a graph holding AlexNet's 61 M float64 weights, against 0.2 s fed).
   *
   * <pre>{@code
   * Operand<T> w = session.fedConstant("fc.weight", values, 1000, 512);
   * }</pre>
   */
  public Operand<T> fedConstant(String name, float[] values, long... shape) {
    Placeholder<T> p = placeholder(name, shape);
    Feed<T> f = feed(values, shape);
    standing.add(new Object[] {p, f});
    return p;
  }

  // ---------------------------------------------------------------- updates

  /**
   * Ops that subtract {@code deltas.get(i)} from {@code variables.get(i)}, each waiting on every
   * delta: no variable changes before all gradients of the step are computed, which makes steps
   * deterministic.
   */
  public List<Op> subtractAfterAll(List<Variable<T>> variables, List<Operand<T>> deltas) {
    Preconditions.checkArgument(variables.size() == deltas.size(), "one delta per variable");
    List<Op> deps = new ArrayList<>(deltas);
    Ops after = tf.withControlDependencies(deps);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      updates.add(after.assignSub(variables.get(i), deltas.get(i)));
    }
    return updates;
  }

  /** Overwrites a variable of any shape with row-major {@code values} (checkpoint restore). */
  public void assign(Variable<T> variable, double[] values) {
    long[] shape = variable.shape().asArray();
    Assigner<T> a = assigners.computeIfAbsent(variable, v -> {
      Placeholder<T> p = placeholder("assign_value", shape);
      return new Assigner<>(p, tf.assign(v, p));
    });
    runner().feed(a.placeholder, values, shape).target(a.assign).run();
  }

  /** Overwrites a variable (checkpoint restore, tests). */
  public void assign(Variable<T> variable, Matrix value) {
    Assigner<T> a = assigners.computeIfAbsent(variable, v -> {
      Placeholder<T> p = placeholder("assign_value", value.rows(), value.cols());
      return new Assigner<>(p, tf.assign(v, p));
    });
    runner().feed(a.placeholder, value.toArray(), value.rows(), value.cols()).target(a.assign).run();
  }

  private record Assigner<T extends TType>(Placeholder<T> placeholder, Op assign) {}

  // ---------------------------------------------------------------- running

  /** A new run: feeds, fetches and targets, then {@link Run#run()}. */
  public Run runner() {
    checkOpen();
    return new Run();
  }

  /** Runs the graph once and returns {@code x} as row-major doubles. */
  public double[] fetch(Operand<?> x) {
    return runner().fetch(x).run().get(0);
  }

  /** Runs the graph once and returns {@code x} as a matrix (rank 2). */
  public Matrix fetchMatrix(Operand<?> x) {
    return runner().fetch(x).run().matrix(0);
  }

  private Session session() {
    if (session == null) {
      ConfigProto.Builder proto = sessionConfig(config);
      claimThreadPool(config.intraOpThreads());
      Session s = new Session(graph, proto.build());
      try {
        if (config.device() == Device.GPU) {
          verifyGpu(proto.build());
        }
        s.initialize();
      } catch (RuntimeException e) {
        s.close();
        if (config.device() == Device.GPU) {
          throw new IllegalStateException(
              "device GPU was requested but TensorFlow could not place ops on a GPU: build with the Maven "
                  + "profile -Pgpu (native classifier linux-x86_64-gpu) on a host with CUDA 12.5 and cuDNN 9.3, "
                  + "or use Device.CPU. Cause: " + e.getMessage(), e);
        }
        throw e;
      }
      session = s;
    }
    return session;
  }

  private static ConfigProto.Builder sessionConfig(RuntimeConfig config) {
    ConfigProto.Builder proto = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(config.intraOpThreads())
        .setInterOpParallelismThreads(config.interOpThreads())
        .setAllowSoftPlacement(false);
    if (config.device() == Device.CPU) {
      proto.putDeviceCount("GPU", 0);
    }
    return proto;
  }

  /**
   * Loads a SavedModel's graph, variables and session with this runtime's threads and device (soft
   * placement on, as imported graphs pin ops to devices of the machine that wrote them). The caller
   * closes the bundle; its tensors are read with {@link #doubles(Tensor)}.
   *
   * <pre>{@code
   * try (SavedModelBundle b = TfSession.loadSavedModel(RuntimeConfig.defaults(), dir, "serve")) { … }
   * }</pre>
   */
  public static SavedModelBundle loadSavedModel(RuntimeConfig config, java.nio.file.Path dir, String tag) {
    claimThreadPool(config.intraOpThreads());
    return SavedModelBundle.loader(dir.toString()).withTags(tag).withConfigProto(sessionConfig(config).setAllowSoftPlacement(true).build())
        .load();
  }

  /** A float, double, int or long tensor's values as doubles, in row-major order (the tensor stays open). */
  public static double[] doubles(Tensor t) {
    return toDoubles(t);
  }

  /** Places one op on the GPU in a scratch graph; fails when TensorFlow has no GPU device. */
  private static void verifyGpu(ConfigProto proto) {
    try (Graph g = new Graph(); Session s = new Session(g, proto)) {
      Ops ops = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var x = ops.math.add(ops.constant(1f), ops.constant(1f));
      try (Result r = s.runner().fetch(x).run()) {
        r.get(0);
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this TfSession is closed");
    }
  }

  /**
   * Traces every following run at TensorFlow's {@code FULL_TRACE} level and hands its
   * {@link org.tensorflow.proto.RunMetadata} (per-kernel step stats) to {@code sink}; {@code null}
   * stops tracing. For profiling: a traced run is slower than an untraced one.
   */
  public void traceRuns(java.util.function.@Nullable Consumer<org.tensorflow.proto.RunMetadata> sink) {
    this.tracer = sink;
  }

  /** Closes every owned tensor, the session and the graph. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException first = null;
    for (Feed<?> f : feeds) {
      try {
        f.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    feeds.clear();
    if (session != null) {
      session.close();
      session = null;
    }
    graph.close();
    if (first != null) {
      throw first;
    }
  }

  /**
   * An input tensor owned by a {@link TfSession}; closing it early frees its memory, otherwise the
   * session closes it.
   *
   * <pre>{@code
   * TfSession.Feed<T> data = session.feed(samples.buffer(), n, d);
   * session.runner().feed(input, data).fetch(loss).run();
   * }</pre>
   *
   * @param <U> tensor type
   */
  public static final class Feed<U extends TType> implements AutoCloseable {
    private @Nullable U tensor;

    private Feed(U tensor) {
      this.tensor = tensor;
    }

    U tensor() {
      if (tensor == null) {
        throw new IllegalStateException("this feed is closed");
      }
      return tensor;
    }

    /** Frees the tensor. Idempotent. */
    @Override
    public void close() {
      if (tensor != null) {
        tensor.close();
        tensor = null;
      }
    }
  }

  /**
   * One execution of the graph: add feeds, fetches and targets, then {@link #run()}.
   *
   * <pre>{@code
   * Fetched f = session.runner().feed(index, batch, batch.length).fetch(loss).target(updates).run();
   * }</pre>
   */
  public final class Run {
    private final Session.Runner runner = session().runner();
    private final List<Tensor> temporaries = new ArrayList<>();
    private int fetches;

    private Run() {
      for (Object[] b : standing) {
        runner.feed((Operand<?>) b[0], ((Feed<?>) b[1]).tensor());
      }
    }

    /** Feeds a prebuilt tensor to {@code placeholder}. */
    public Run feed(Operand<?> placeholder, Feed<?> value) {
      runner.feed(placeholder, value.tensor());
      return this;
    }

    /** Feeds int32 values (a temporary tensor, closed after the run). */
    public Run feed(Operand<TInt32> placeholder, int[] values, long... shape) {
      TInt32 t = TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
      temporaries.add(t);
      runner.feed(placeholder, t);
      return this;
    }

    /** Feeds int64 values (a temporary tensor, closed after the run). */
    public Run feed(Operand<TInt64> placeholder, long[] values, long... shape) {
      TInt64 t = TInt64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
      temporaries.add(t);
      runner.feed(placeholder, t);
      return this;
    }

    /** Feeds float64 values whatever the graph's type (a temporary tensor, closed after the run). */
    public Run feedFloat64(Operand<TFloat64> placeholder, double[] values, long... shape) {
      TFloat64 t = TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
      temporaries.add(t);
      runner.feed(placeholder, t);
      return this;
    }

    /** Feeds float values into a placeholder of the graph's type (a temporary tensor, closed after the run). */
    public Run feed(Placeholder<T> placeholder, float[] values, long... shape) {
      Tensor t;
      if (type == TFloat64.class) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
          d[i] = values[i];
        }
        t = TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(d, true, false));
      } else {
        t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
      }
      temporaries.add(t);
      runner.feed(placeholder, t);
      return this;
    }

    /** Feeds values of the graph's type (a temporary tensor, closed after the run). */
    public Run feed(Placeholder<T> placeholder, double[] values, long... shape) {
      Tensor t = makeTensor(values, Shape.of(shape));
      temporaries.add(t);
      runner.feed(placeholder, t);
      return this;
    }

    /** Adds fetches; their values come back in order. */
    public Run fetch(Operand<?>... operands) {
      for (Operand<?> o : operands) {
        runner.fetch(o);
        fetches++;
      }
      return this;
    }

    /** Adds fetches; their values come back in order. */
    public Run fetch(List<? extends Operand<?>> operands) {
      for (Operand<?> o : operands) {
        runner.fetch(o);
        fetches++;
      }
      return this;
    }

    /** Adds ops to run for their effect. */
    public Run target(Op... ops) {
      for (Op o : ops) {
        runner.addTarget(o);
      }
      return this;
    }

    /** Adds ops to run for their effect. */
    public Run target(List<? extends Op> ops) {
      for (Op o : ops) {
        runner.addTarget(o);
      }
      return this;
    }

    /** Runs, copies every fetched tensor into Java arrays and closes all tensors involved. */
    public Fetched run() {
      var sink = tracer;
      if (sink != null) {
        runner.setOptions(org.tensorflow.proto.RunOptions.newBuilder()
            .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
      }
      try (Result result = sink == null ? runner.run() : runner.runAndFetchMetadata()) {
        if (sink != null) {
          result.getMetadata().ifPresent(sink);
        }
        double[][] values = new double[fetches][];
        long[][] shapes = new long[fetches][];
        for (int i = 0; i < fetches; i++) {
          Tensor t = result.get(i);
          shapes[i] = t.shape().asArray();
          values[i] = toDoubles(t);
        }
        return new Fetched(values, shapes);
      } finally {
        for (Tensor t : temporaries) {
          t.close();
        }
        temporaries.clear();
      }
    }
  }

  private Tensor makeTensor(double[] values, Shape shape) {
    return tensor(values, shape, type == TFloat64.class);
  }

  /** A new float64 or float32 tensor of {@code values} (row-major) for feeding a graph this class does not own; close it. */
  public static Tensor tensor(double[] values, Shape shape, boolean float64) {
    if (float64) {
      return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(toFloats(values), true, false));
  }

  private static double[] toDoubles(Tensor t) {
    int n = Math.toIntExact(t.shape().size());
    double[] out = new double[n];
    if (t instanceof TFloat64 d) {
      d.asRawTensor().data().asDoubles().read(out);
    } else if (t instanceof TFloat32 f) {
      float[] tmp = new float[n];
      f.asRawTensor().data().asFloats().read(tmp);
      for (int i = 0; i < n; i++) {
        out[i] = tmp[i];
      }
    } else if (t instanceof TInt32 in) {
      int[] tmp = new int[n];
      in.asRawTensor().data().asInts().read(tmp);
      for (int i = 0; i < n; i++) {
        out[i] = tmp[i];
      }
    } else if (t instanceof TInt64 l) {
      long[] tmp = new long[n];
      l.asRawTensor().data().asLongs().read(tmp);
      for (int i = 0; i < n; i++) {
        out[i] = tmp[i];
      }
    } else {
      throw new IllegalArgumentException("cannot read a tensor of type " + t.dataType());
    }
    return out;
  }

  static System.Logger log() {
    return LOG;
  }

  // ---------------------------------------------------------------- the process's CPU thread pool

  /** Intra-op threads of the process-wide pool (0 until the first session opens). */
  private static final java.util.concurrent.atomic.AtomicInteger PROCESS_POOL = new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.Set<Integer> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The variable that gives every TensorFlow session its own intra-op pool, read once when TensorFlow loads. */
  public static final String PER_SESSION_POOLS = "TF_OVERRIDE_GLOBAL_THREADPOOL";

  /**
   * Whether each session gets an intra-op thread pool of its own size: only when
   * {@value #PER_SESSION_POOLS} is {@code 1} or {@code true} in the environment. Otherwise
   * TensorFlow shares one pool among every session of the process, sized by the first one.
   */
  public static boolean perSessionThreadPools() {
    String v = System.getenv(PER_SESSION_POOLS);
    return v != null && (v.trim().equals("1") || v.trim().equalsIgnoreCase("true"));
  }

  /**
   * The intra-op threads a session opened with {@code config} computes with: its own count when
   * sessions have {@linkplain #perSessionThreadPools() pools of their own}, else the count of the
   * first session of this process (or {@code config}'s, if none has opened yet).
   */
  public static int effectiveIntraOpThreads(RuntimeConfig config) {
    if (perSessionThreadPools()) {
      return config.intraOpThreads();
    }
    int pool = PROCESS_POOL.get();
    return pool == 0 ? config.intraOpThreads() : pool;
  }

  private static void claimThreadPool(int requested) {
    if (perSessionThreadPools()) {
      return;
    }
    PROCESS_POOL.compareAndSet(0, requested);
    int pool = PROCESS_POOL.get();
    if (pool != requested && WARNED.add(requested)) {
      LOG.log(System.Logger.Level.WARNING, "a session asked for " + requested + " intra-op threads, but TensorFlow shares one pool "
          + "of " + pool + " among every session of this process (the first session's count), so it computes with " + pool
          + " and records that; export " + PER_SESSION_POOLS + "=1 before starting the JVM to give each session its own");
    }
  }
}
