# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# quarry::auth sources, included by src/core/CMakeLists.txt (kept here so the auth module can grow
# without touching the shared list).
target_sources(quarry-core PRIVATE
    auth/openssl_p.h
    auth/algorithm.cpp auth/algorithm.h
    auth/base64url.cpp auth/base64url.h
    auth/key.cpp auth/key.h auth/key_p.h auth/keyjwk.cpp
    auth/keyset.cpp auth/keyset.h
    auth/signature.cpp auth/signature.h
    auth/jws.cpp auth/jws.h
    auth/jwt.cpp auth/jwt.h
    auth/jwtverifier.cpp auth/jwtverifier.h
    auth/passwordhasher.cpp auth/passwordhasher.h
    auth/authprofile.cpp auth/authprofile.h
    auth/tokenissuer.cpp auth/tokenissuer.h
    auth/bearerverifier.cpp auth/bearerverifier.h
    auth/loginservice.cpp auth/loginservice.h
    auth/endpointresponse.h
    auth/refreshtokenstore.cpp auth/refreshtokenstore.h
    auth/loginendpoint.cpp auth/loginendpoint.h
    auth/oauthtokenendpoint.cpp auth/oauthtokenendpoint.h
    auth/authgate.cpp auth/authgate.h
    auth/jwtinspector.cpp auth/jwtinspector.h
)
