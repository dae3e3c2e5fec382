#!/bin/sh
# Fetch the release files of Swagger UI and ReDoc that /docs and /redoc serve, unmodified,
# from the npm registry (npm checks each tarball against the registry's sha512), with their
# licences, into server/pages/static/vendor/. Run from the repository's root; commit the result.
# No page of kyotei loads anything from a CDN: these files are what the browser gets.
set -eu
SWAGGER_UI=swagger-ui-dist@5.35.0
REDOC=redoc@2.5.4
DEST=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
npm pack --silent --pack-destination "$WORK" "$SWAGGER_UI" "$REDOC" >/dev/null
mkdir -p "$WORK/swagger" "$WORK/redoc" "$DEST"
tar -xzf "$WORK"/swagger-ui-dist-*.tgz -C "$WORK/swagger"
tar -xzf "$WORK"/redoc-*.tgz -C "$WORK/redoc"
cp "$WORK/swagger/package/swagger-ui-bundle.js" "$DEST/swagger-ui-bundle.js"
cp "$WORK/swagger/package/swagger-ui.css" "$DEST/swagger-ui.css"
cp "$WORK/swagger/package/LICENSE" "$DEST/swagger-ui.LICENSE"
cp "$WORK/redoc/package/bundles/redoc.standalone.js" "$DEST/redoc.standalone.js"
cp "$WORK/redoc/package/LICENSE" "$DEST/redoc.LICENSE"
if [ -f "$WORK/redoc/package/bundles/redoc.standalone.js.LICENSE.txt" ]; then
  cp "$WORK/redoc/package/bundles/redoc.standalone.js.LICENSE.txt" \
     "$DEST/redoc.standalone.js.LICENSE.txt"
fi
echo "$SWAGGER_UI $REDOC" > "$DEST/API-DOCS-VERSIONS"
