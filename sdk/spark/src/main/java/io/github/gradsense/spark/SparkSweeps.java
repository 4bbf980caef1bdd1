package io.github.gradsense.spark;

import io.github.gradsense.experiment.Sweep;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A sweep's table in Spark: {@code sweep.csv} as a {@code Dataset<Row>} (the axes and labels as
 * strings, step and epoch as longs, value as a double) and as Parquet partitioned by the sweep's
 * first axis.
 *
 * <pre>{@code
 * Path parquet = SparkSweeps.toParquet(spark, result);                 // out/sweep/sweep.parquet
 * spark.read().parquet(parquet.toString()).groupBy("seed").avg("value").show();
 * }</pre>
 */
public final class SparkSweeps {
  /** The Parquet folder beside {@code sweep.csv}. */
  public static final String PARQUET = "sweep.parquet";

  private SparkSweeps() {}

  /** The table of {@code result}, typed. */
  public static Dataset<Row> table(SparkSession spark, Sweep.SweepResult result) {
    List<String> axes = result.cells().isEmpty() ? List.of() : List.copyOf(result.cells().get(0).settings().keySet());
    StructType schema = new StructType();
    for (String a : axes) {
      schema = schema.add(new StructField(a, DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()));
    }
    schema = schema.add("cell", DataTypes.StringType, false).add("series", DataTypes.StringType, false)
        .add("step", DataTypes.LongType, false).add("epoch", DataTypes.LongType, false)
        .add("point", DataTypes.StringType, true).add("column", DataTypes.StringType, false)
        .add("value", DataTypes.DoubleType, false);
    return spark.read().option("header", "true").schema(schema).csv(result.table().toAbsolutePath().toString());
  }

  /** Writes the table as Parquet under the sweep's folder, partitioned by its first axis (replacing an older one). */
  public static Path toParquet(SparkSession spark, Sweep.SweepResult result) {
    Path out = result.folder().resolve(PARQUET).toAbsolutePath();
    var writer = table(spark, result).write().mode(SaveMode.Overwrite);
    if (!result.cells().isEmpty() && !result.cells().get(0).settings().isEmpty()) {
      writer = writer.partitionBy(result.cells().get(0).settings().keySet().iterator().next());
    }
    writer.parquet(out.toString());
    return out;
  }
}
