package io.github.gradsense;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' one-way flow, as the SDK's concepts run: stimuli make data, data trains networks,
 * trainers update them, probes read them, analysis reduces what probes read, an experiment ties
 * them together and writes its report; TensorFlow stays in {@code runtime}, underneath all, and
 * {@code internal} helpers (argument checks, seeds) are usable by any layer and by no user.
 *
 * <p>Two places read differently from the list {@code stimulus → data → network → train → probe →
 * analysis → experiment → report}: {@code analysis} holds pure functions of arrays (curves, indices,
 * rank tests, theory), so probes may use it and it uses nothing above {@code data}; and
 * {@code report} (run folders, provenance, figures, HTML) sits beneath {@code experiment}, which
 * writes its runs through it, and never reads an experiment.
 */
@AnalyzeClasses(packages = "io.github.gradsense", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule the_packages_depend_one_way = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Internal").definedBy("io.github.gradsense.internal..")
      .layer("Runtime").definedBy("io.github.gradsense.runtime..")
      .layer("Stimulus").definedBy("io.github.gradsense.stimulus..")
      .layer("Data").definedBy("io.github.gradsense.data..")
      .layer("Analysis").definedBy("io.github.gradsense.analysis..")
      .layer("Network").definedBy("io.github.gradsense.network..")
      .layer("Train").definedBy("io.github.gradsense.train..")
      .layer("Probe").definedBy("io.github.gradsense.probe..")
      .layer("Report").definedBy("io.github.gradsense.report..")
      .layer("Experiment").definedBy("io.github.gradsense.experiment..")
      .whereLayer("Internal").mayNotAccessAnyLayer()
      .whereLayer("Runtime").mayOnlyAccessLayers("Internal")
      .whereLayer("Stimulus").mayOnlyAccessLayers("Runtime", "Internal")
      .whereLayer("Data").mayOnlyAccessLayers("Stimulus", "Runtime", "Internal")
      .whereLayer("Analysis").mayOnlyAccessLayers("Data", "Stimulus", "Runtime", "Internal")
      .whereLayer("Network").mayOnlyAccessLayers("Data", "Stimulus", "Runtime", "Internal")
      .whereLayer("Train").mayOnlyAccessLayers("Network", "Data", "Stimulus", "Runtime", "Internal")
      .whereLayer("Probe").mayOnlyAccessLayers("Train", "Network", "Analysis", "Data", "Stimulus", "Runtime", "Internal")
      .whereLayer("Report").mayOnlyAccessLayers("Data", "Runtime", "Internal")
      .whereLayer("Experiment").mayNotBeAccessedByAnyLayer();
}
