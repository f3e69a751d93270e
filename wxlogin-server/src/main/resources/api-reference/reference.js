// The dev-mode API reference: Swagger UI (served from this jar) renders the service's own
// /openapi.yaml. The page's Content-Security-Policy allows this origin only; nothing here may ask
// another host for anything.
window.ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  // Swagger UI would otherwise show a badge fetched from validator.swagger.io.
  validatorUrl: null,
  // A reference, not a client: the demo page at / plays the calls against the simulator.
  supportedSubmitMethods: [],
  onComplete: () => document.body.setAttribute('data-ready', 'true'),
});
