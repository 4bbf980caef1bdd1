package io.github.gradsense;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.reflect.ClassPath;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** The public Java API reads well from Kotlin: null-marked packages and SAM-convertible callbacks. */
class ApiShapeTest {

  private static List<Class<?>> publicTypes() throws IOException {
    List<Class<?>> out = new ArrayList<>();
    for (ClassPath.ClassInfo info : ClassPath.from(ApiShapeTest.class.getClassLoader()).getAllClasses()) {
      if (info.getPackageName().startsWith("io.github.gradsense") && !info.getName().endsWith("Test")
          && !info.getSimpleName().equals("package-info") && !info.getName().contains("Test$")) {
        Class<?> c = info.load();
        if (Modifier.isPublic(c.getModifiers()) && !c.getName().contains("ApiShape")) {
          out.add(c);
          collectNested(c, out);
        }
      }
    }
    return out;
  }

  private static void collectNested(Class<?> c, List<Class<?>> out) {
    for (Class<?> n : c.getDeclaredClasses()) {
      if (Modifier.isPublic(n.getModifiers())) {
        out.add(n);
        collectNested(n, out);
      }
    }
  }

  @Test
  void every_package_is_null_marked() throws IOException {
    Set<String> unmarked = new TreeSet<>();
    Set<String> packages = new TreeSet<>();
    for (Class<?> c : publicTypes()) {
      packages.add(c.getPackageName());
      if (!c.getPackage().isAnnotationPresent(NullMarked.class)) {
        unmarked.add(c.getPackageName());
      }
    }
    assertThat(packages).contains("io.github.gradsense.stimulus", "io.github.gradsense.data", "io.github.gradsense.network",
        "io.github.gradsense.train", "io.github.gradsense.probe", "io.github.gradsense.analysis",
        "io.github.gradsense.experiment", "io.github.gradsense.runtime", "io.github.gradsense.report");
    assertThat(unmarked).as("packages without @NullMarked").isEmpty();
  }

  @Test
  void every_single_method_interface_is_a_functional_interface() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Class<?> c : publicTypes()) {
      if (c.isInterface() && !c.isAnnotation() && !c.isSealed() && abstractMethods(c) == 1
          && !c.isAnnotationPresent(FunctionalInterface.class)) {
        missing.add(c.getName());
      }
    }
    assertThat(missing).as("single-abstract-method interfaces without @FunctionalInterface").isEmpty();
  }

  private static long abstractMethods(Class<?> c) {
    return Arrays.stream(c.getMethods())
        .filter(m -> Modifier.isAbstract(m.getModifiers()))
        .filter(ApiShapeTest::notObjectMethod)
        .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
        .distinct()
        .count();
  }

  private static boolean notObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return false;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }
}
