package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void defaults_follow_the_authors_code() {
    Training t = Training.sgd(1.0);
    assertThat(t.outputNoise()).isEqualTo(0.1);
    assertThat(t.mode()).isEqualTo(Training.Mode.MINI_BATCH);
    assertThat(t.batch(16_384).totalSteps(100_352)).isEqualTo(100 * 7);   // 6 full batches + one of 2,048
  }

  @Test
  void a_negative_learning_rate_is_rejected() {
    assertThatThrownBy(() -> Training.sgd(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("learningRate must be a finite number > 0, got -1.0");
    assertThatThrownBy(() -> Training.sgd(Double.NaN)).hasMessage("learningRate must be a finite number > 0, got NaN");
  }

  @Test
  void a_zero_batch_is_rejected() {
    assertThatThrownBy(() -> Training.sgd(1).batch(0)).hasMessage("batchSize must be in [1, ∞], got 0");
  }

  @Test
  void steps_and_epochs_must_be_positive() {
    assertThatThrownBy(() -> Training.sgd(1).steps(0)).hasMessage("steps must be in [1, 1000000000], got 0");
    assertThatThrownBy(() -> Training.sgd(1).epochs(-2)).hasMessage("epochs must be in [1, 10000000], got -2");
    assertThatThrownBy(() -> Training.sgd(1).outputNoise(-0.1)).hasMessage("outputNoise must be a finite number >= 0, got -0.1");
  }

  @Test
  void the_expected_gradient_counts_steps() {
    assertThat(Training.expectedGradient(1).steps(50).totalSteps(0)).isEqualTo(50);
    assertThat(Training.expectedGradient(1).updatesPerEpoch(1000)).isEqualTo(1);
  }
}
