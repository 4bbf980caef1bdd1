package io.github.gradsense.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.List;

/**
 * A training task for a network: where its batches come from, the shape of one input, the
 * number of classes (0 for reconstruction and regression) and the width of a regression target. A record, written into the run's provenance; its data
 * are opened once per run.
 *
 * <pre>{@code
 * TaskSpec crops = Tasks.whichImage(NaturalImages.configured()).crop(32);
 * TaskSpec fig6 = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code orientation, which-image, teacher, hierarchy}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OrientationTask.class, name = "orientation"),
    @JsonSubTypes.Type(value = WhichImageTask.class, name = "which-image"),
    @JsonSubTypes.Type(value = TeacherTask.class, name = "teacher"),
    @JsonSubTypes.Type(value = HierarchyTask.class, name = "hierarchy")
})
public interface TaskSpec {

  /** A short name for reports. */
  String name();

  /** Shape of one input: {@code [H, W, C]} or {@code [d]}. */
  List<Integer> inputShape();

  /** Number of classes; 0 for a reconstruction or regression task. */
  int classes();

  /** Width of a regression target; 0 for classification and reconstruction tasks. */
  default int targetWidth() {
    return 0;
  }

  /** Loads or prepares what the batches are drawn from. */
  TaskData open(RuntimeConfig config);
}
