package io.github.gradsense.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.Trainer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * Writes {@code checkpoint.bin} every {@code every} updates (atomically, in the report folder), and
 * restores one into a freshly built run after checking that it was written by the same experiment:
 * a different spec is refused, naming the first setting that differs.
 *
 * @param <T> the graph's floating-point type
 */
final class Checkpoints<T extends TFloating> implements RunListener {
  private final TfSession<T> session;
  private final List<Variable<?>> saved;
  private final ProbeRecorder recorder;
  private final ExperimentSpec spec;
  private final long every;
  private final @Nullable RunWriter writer;
  private @Nullable String identityJson;

  Checkpoints(TfSession<T> session, List<Variable<?>> saved, ProbeRecorder recorder, ExperimentSpec spec, long every,
      @Nullable RunWriter writer) {
    this.session = session;
    this.saved = List.copyOf(saved);
    this.recorder = recorder;
    this.spec = spec;
    this.every = every;
    this.writer = writer;
  }

  @Override
  public void onStep(Run run, StepEvent e) {
    if (every > 0 && writer != null && e.step() % every == 0) {
      writer.writeAtomically(Checkpoint.FILE, take(e.step(), run.lastLoss()).toBytes());
    }
  }

  private Checkpoint take(long step, double loss) {
    Map<String, double[]> values = new LinkedHashMap<>();
    if (!saved.isEmpty()) {
      Fetched f = session.runner().fetch(saved).run();
      for (int i = 0; i < saved.size(); i++) {
        values.put(saved.get(i).op().name(), f.get(i));
      }
    }
    if (identityJson == null) {
      identityJson = Json.write(spec.identity());      // the spec is immutable: once per run
    }
    return new Checkpoint(spec.hash(), identityJson, step, loss, values, recorder.rows());
  }

  /** Puts {@code from}'s variables, step and probe rows into this run; refuses another experiment's checkpoint. */
  @SuppressWarnings("unchecked")
  void restore(Checkpoint from, Trainer trainer) {
    if (!from.specHash().equals(spec.hash())) {
      throw new IllegalArgumentException("cannot resume experiment '" + spec.name() + "': its checkpoint was written by a "
          + "different experiment (" + firstDifference(from.spec()) + "); run it afresh, or resume with the settings it was "
          + "started with");
    }
    for (Variable<?> v : saved) {
      double[] values = from.variables().get(v.op().name());
      if (values == null) {
        throw new IllegalArgumentException("the checkpoint has no variable '" + v.op().name()
            + "': it was written by a different experiment");
      }
      session.assign((Variable<T>) v, values);
    }
    trainer.resumeAt(from.step());
    recorder.restore(from.rows(), from.step());
  }

  private String firstDifference(String saved) {
    try {
      JsonNode then = Json.mapper().readTree(saved);
      JsonNode now = Json.mapper().readTree(Json.write(spec.identity()));
      String d = difference("", then, now);
      return d == null ? "spec hashes differ" : d;
    } catch (JsonProcessingException e) {
      return "its spec cannot be read: " + e.getOriginalMessage();
    }
  }

  /** The first path where {@code a} and {@code b} differ, as {@code "path: a in the checkpoint, b now"}, or null. */
  static @Nullable String difference(String path, @Nullable JsonNode a, @Nullable JsonNode b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        String d = difference(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n));
        if (d != null) {
          return d;
        }
      }
      for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!a.has(n)) {
          return difference(path.isEmpty() ? n : path + "." + n, null, b.get(n));
        }
      }
    }
    if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        String d = difference(path + "[" + i + "]", a.get(i), b.get(i));
        if (d != null) {
          return d;
        }
      }
    }
    return path + ": " + (a == null ? "absent" : a.toString()) + " in the checkpoint, " + (b == null ? "absent" : b.toString()) + " now";
  }
}
