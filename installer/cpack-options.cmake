# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
    # The .deb installs under /usr.
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
else()
    # The .tar.gz is a relocatable tree: quarry-VERSION-Linux/bin/quarry, lib/..., share/...
    set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
