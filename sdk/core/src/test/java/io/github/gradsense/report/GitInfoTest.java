package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitInfoTest {
  @TempDir Path dir;

  @Test
  void a_loose_ref_is_resolved_from_a_subfolder() throws IOException {
    Files.createDirectories(dir.resolve(".git/refs/heads"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(dir.resolve(".git/refs/heads/main"), "0123456789abcdef0123456789abcdef01234567\n");
    Path sub = Files.createDirectories(dir.resolve("a/b"));
    assertThat(GitInfo.commit(sub)).contains("0123456789abcdef0123456789abcdef01234567");
  }

  @Test
  void a_packed_ref_and_a_detached_head_are_resolved() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/dev\n");
    Files.writeString(dir.resolve(".git/packed-refs"), "# pack-refs\nfedcba fedcba refs/heads/x\n1111 refs/heads/dev\n");
    assertThat(GitInfo.commit(dir)).contains("1111");
    Files.writeString(dir.resolve(".git/HEAD"), "2222\n");
    assertThat(GitInfo.commit(dir)).contains("2222");
  }
}
