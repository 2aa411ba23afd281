"""Icons and stylesheets, plain files; installed as the package `parallax_resources`."""
