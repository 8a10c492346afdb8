#pragma once
// OpenGL through libepoxy: every GL header include goes through here.
#include <epoxy/gl.h>
