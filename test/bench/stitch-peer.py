# The peer of `npm run bench stitch`: OpenCV's own registration for scans (Debian's python3-opencv),
# the pipeline Stitcher::create(SCANS) sets up — ORB features, AffineBestOf2NearestMatcher,
# AffineBasedEstimator, BundleAdjusterAffinePartial — run through its detail classes, because the
# Python binding of Stitcher does not give out the cameras it estimates. Registration resolution
# as given (megapixels, like Stitcher.setRegistrationResol). Prints one JSON line: the seconds, and
# for each part the 2x3 affine of its camera at full resolution (or null for a part it left out).
# A camera carries panorama pixels into the part's (checked on two crops of one image with a known
# shift): the part's placement is its inverse.
import json
import sys
import time

import cv2
import numpy as np

# `--orb N` first: N ORB keypoints a part instead of Stitcher's default 500 (the station takes 1500).
args = sys.argv[1:]
orb_features = 500
if args[0] == '--orb':
    orb_features = int(args[1])
    args = args[2:]
megapix = float(args[0])
files = args[1:]
start = time.time()
images = [cv2.imread(f, cv2.IMREAD_COLOR) for f in files]
scale = min(1.0, (megapix * 1e6 / (images[0].shape[0] * images[0].shape[1])) ** 0.5)
small = [cv2.resize(im, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR_EXACT) for im in images]
finder = cv2.ORB.create(orb_features)
features = [cv2.detail.computeImageFeatures2(finder, im) for im in small]
matcher = cv2.detail_AffineBestOf2NearestMatcher(False, False, 0.3, 6)
pairs = matcher.apply2(features)
matcher.collectGarbage()
kept = list(cv2.detail.leaveBiggestComponent(features, pairs, 1.0).flatten())
estimator = cv2.detail_AffineBasedEstimator()
ok, cameras = estimator.apply(features, pairs, None)
for c in cameras:
    c.R = c.R.astype(np.float32)
adjuster = cv2.detail_BundleAdjusterAffinePartial()
adjuster.setConfThresh(1.0)
try:
    ok2, adjusted = adjuster.apply(features, pairs, cameras)
    cameras = adjusted
except cv2.error:
    ok2 = False  # the adjuster refuses some sets (two parts, say); the estimator's cameras stay
seconds = time.time() - start
transforms = [None] * len(files)
for k, c in zip(kept, cameras):
    h = np.asarray(c.R, dtype=np.float64)
    # Work scale → full resolution: x_full = H(x_work · s) / s.
    transforms[int(k)] = [h[0, 0], h[0, 1], h[0, 2] / scale, h[1, 0], h[1, 1], h[1, 2] / scale]
print(json.dumps({"seconds": seconds, "ok": bool(ok and ok2), "transforms": transforms}))
