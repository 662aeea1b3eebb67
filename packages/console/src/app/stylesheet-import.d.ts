// esbuild bundles imported stylesheets into the console's app.css.
declare module "*.css";
