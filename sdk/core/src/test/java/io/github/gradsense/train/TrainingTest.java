package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.report.Json;
import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void the_linear_mini_batch_defaults_follow_the_authors_code() {
    Training.MiniBatch t = Training.miniBatch(1.0);
    assertThat(t.outputNoise()).isEqualTo(0.1);
    assertThat(t.noiseRealisation()).isEqualTo(Training.NoiseRealisation.CONDITIONAL);
    assertThat(t.batch(16_384).totalSteps(100_352)).isEqualTo(100 * 7);   // 6 full batches + one of 2,048
  }

  @Test
  void each_trainer_holds_only_the_settings_it_honours() {
    // a task's SGD has no output noise, noise realisation, PC basis or epochs to record that it never applies
    assertThat(Json.describe(Training.sgd(0.01)).fieldNames()).toIterable()
        .containsExactly("type", "learningRate", "batchSize", "steps", "seed", "momentum", "weightDecay", "schedule",
            "checkpointEvery");
    assertThat(Json.describe(Training.expectedGradient(1)).fieldNames()).toIterable()
        .doesNotContain("batchSize", "epochs", "noiseRealisation");
    assertThat(Json.describe(Training.miniBatch(1)).path("type").asText()).isEqualTo("mini-batch");
    assertThat(Training.sgd(0.01).steps(40).totalSteps(10)).isEqualTo(40);
  }

  @Test
  void a_negative_learning_rate_is_rejected() {
    assertThatThrownBy(() -> Training.sgd(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("learningRate must be a finite number > 0, got -1.0");
    assertThatThrownBy(() -> Training.miniBatch(Double.NaN)).hasMessage("learningRate must be a finite number > 0, got NaN");
    assertThatThrownBy(() -> Training.expectedGradient(0)).hasMessage("learningRate must be a finite number > 0, got 0.0");
  }

  @Test
  void a_zero_batch_is_rejected() {
    assertThatThrownBy(() -> Training.sgd(1).batch(0)).hasMessage("batchSize must be in [1, ∞], got 0");
    assertThatThrownBy(() -> Training.miniBatch(1).batch(0)).hasMessage("batchSize must be in [1, ∞], got 0");
  }

  @Test
  void steps_and_epochs_must_be_positive() {
    assertThatThrownBy(() -> Training.sgd(1).steps(0)).hasMessage("steps must be in [1, 1000000000], got 0");
    assertThatThrownBy(() -> Training.miniBatch(1).steps(0)).hasMessage("steps must be in [1, 1000000000], got 0");
    assertThatThrownBy(() -> Training.miniBatch(1).epochs(-2)).hasMessage("epochs must be in [1, 10000000], got -2");
    assertThatThrownBy(() -> Training.miniBatch(1).outputNoise(-0.1)).hasMessage("outputNoise must be a finite number >= 0, got -0.1");
    assertThatThrownBy(() -> Training.expectedGradient(1).outputNoise(11)).hasMessage("outputNoise must be in [0, 10], got 11.0");
    assertThatThrownBy(() -> Training.sgd(1).momentum(1)).hasMessage("momentum must be in [0.0, 0.999], got 1.0");
  }

  @Test
  void the_expected_gradient_counts_steps() {
    assertThat(Training.expectedGradient(1).steps(50).totalSteps(0)).isEqualTo(50);
    assertThat(Training.expectedGradient(1).updatesPerEpoch(1000)).isEqualTo(1);
  }
}
