package org.smartkampung.core.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.smartkampung.core.admin.AdminStoresContract;

class EmbeddedAdminStoresTest extends AdminStoresContract {

  @TempDir Path dataDir;

  @Override
  protected AdminStores open() {
    return AdminStoreFactory.embedded(dataDir);
  }
}
