package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.OrientationTask;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Stimuli;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * Drawing the next batch ahead, on another thread, changes when a batch is drawn and never what:
 * batches stay a pure function of (seed, step).
 */
class BatchPrefetchTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final OrientationTask TASK = Tasks.orientationBins().grating(Stimuli.rotatedGrating().size(16)).bins(4);

  @Test
  void every_batch_drawn_ahead_is_the_batch_drawn_on_the_spot_bit_for_bit() {
    TaskData data = TASK.open(CONFIG);
    BatchPrefetch ahead = new BatchPrefetch(data, 7, 64, 100).ahead(true);
    for (long step = 0; step < 20; step++) {
      Batch drawn = ahead.batch(step);
      Batch spot = data.batch(7, step, 64);
      assertThat(drawn.inputs()).as("inputs of step %d", step).isEqualTo(spot.inputs());
      assertThat(drawn.labels()).as("labels of step %d", step).isEqualTo(spot.labels());
    }
  }

  @Test
  void a_resumed_or_rewound_run_gets_the_batch_of_the_step_it_asks_for() {
    Recording data = new Recording();
    BatchPrefetch p = new BatchPrefetch(data, 1, 4, 100).ahead(true);
    assertThat(p.batch(0).labels()[0]).isZero();
    assertThat(p.batch(1).labels()[0]).isEqualTo(1);
    assertThat(p.batch(40).labels()[0]).isEqualTo(40);      // resumed after a checkpoint
    assertThat(p.batch(3).labels()[0]).isEqualTo(3);        // rewound
    assertThat(p.batch(4).labels()[0]).isEqualTo(4);
  }

  @Test
  void nothing_is_drawn_past_the_last_step_and_cheap_batches_are_drawn_on_the_caller() {
    Recording data = new Recording();
    BatchPrefetch p = new BatchPrefetch(data, 1, 4, 3).ahead(true);
    for (long step = 0; step < 3; step++) {
      p.batch(step);
    }
    assertThat(data.steps).containsExactlyInAnyOrder(0L, 1L, 2L);
    BatchPrefetch auto = new BatchPrefetch(new Recording(), 1, 4, 3);
    auto.batch(0);
    assertThat(auto.drawsAhead()).as("a batch of four integers is not worth a thread").isFalse();
  }

  @Test
  void an_error_while_drawing_ahead_surfaces_at_the_step_that_needs_the_batch() {
    TaskData failing = new Recording() {
      @Override
      public Batch batch(long seed, long step, int size) {
        if (step == 2) {
          throw new IllegalStateException("image 3 unreadable");
        }
        return super.batch(seed, step, size);
      }
    };
    BatchPrefetch p = new BatchPrefetch(failing, 1, 4, 10).ahead(true);
    p.batch(0);
    p.batch(1);
    assertThatThrownBy(() -> p.batch(2)).isInstanceOf(IllegalStateException.class).hasMessage("image 3 unreadable");
  }

  @Test
  void training_with_batches_drawn_ahead_follows_the_same_losses_to_the_last_bit() {
    assertThat(losses(true, 40)).containsExactly(losses(false, 40).toArray(Double[]::new));
  }

  private static List<Double> losses(boolean ahead, int steps) {
    Sequential mlp = Networks.sequential(256).dense(32).relu().dense(4).init(Sequential.Initializer.TORCH_DEFAULT);
    List<Double> out = new ArrayList<>();
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      NetworkGraph<TFloat32> g = mlp.build(s, NetworkContext.of(256, 3));
      SgdTrainer<TFloat32> t = SgdTrainer.create(s, g, TASK, TASK.open(CONFIG), Objective.crossEntropy(),
          Training.sgd(0.2).momentum(0.9).batch(32).steps(steps).seed(5)).drawAhead(ahead);
      for (int i = 0; i < steps; i++) {
        out.add(t.step().loss());
      }
    }
    return out;
  }

  /** Batches whose first label is their step; records which steps were drawn. */
  private static class Recording implements TaskData {
    final Set<Long> steps = ConcurrentHashMap.newKeySet();

    @Override
    public Batch batch(long seed, long step, int size) {
      steps.add(step);
      int[] labels = new int[size];
      labels[0] = (int) step;
      return new Batch(new float[size], labels, size);
    }

    @Override
    public Batch evaluation(int label, int count, long seed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Dataset.Source> sources() {
      return List.of();
    }
  }
}
