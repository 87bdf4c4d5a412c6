// Nothing AuthKit needs: a fresh app's defaults.
export default {};
