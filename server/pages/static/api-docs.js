// Starts Swagger UI on /docs: the OpenAPI document's URL comes from the page's
// data-openapi-url, so the page itself carries no inline script.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: holder.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    validatorUrl: null,  // never ask validator.swagger.io (no outbound request)
  });
});
